import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake, shown to the user with the command's usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command that could not do its work for a reason outside genchi's code (a server that refused or cannot be reached): exit 1, the message without a stack. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}

/** Parses a command's flags, turning node's errors into a {@link UsageError}. */
export function parseFlags<Options extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: Options,
): ReturnType<typeof parseArgs<{ args: string[]; options: Options; allowPositionals: true; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A whole number flag in a range, or a {@link UsageError} naming the flag. */
export function integerFlag(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return parsed;
}
