import type { z } from 'zod';

/** Formats a zod error path the way a user would write it: `batch[3].body.startTime`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>, prefix = ''): string {
  let text = prefix;
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text === '' ? '(root)' : text;
}

/** One problem found in a body: where it is and what is wrong. */
export interface InputProblem {
  path: string;
  message: string;
}

/** Lists the problems of a zod error, each naming its field. */
export function describeZodError(error: z.ZodError, prefix = ''): InputProblem[] {
  return error.issues.map((issue) => ({ path: formatIssuePath(issue.path, prefix), message: issue.message }));
}

/** One line naming the first problems of a zod error, for an error message. */
export function summarizeZodError(error: z.ZodError, prefix = '', limit = 3): string {
  const problems = describeZodError(error, prefix);
  const shown = problems.slice(0, limit).map((problem) => `${problem.path}: ${problem.message}`);
  const more = problems.length > limit ? ` (and ${problems.length - limit} more)` : '';
  return shown.join('; ') + more;
}
