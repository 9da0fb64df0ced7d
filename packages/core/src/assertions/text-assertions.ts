import { z } from 'zod';
import { defineAssertion, verdict } from './assertion-definition.js';

const patternText = z.string().min(1).max(2000);

/** A regular expression in its source form, compiled once when the parameters are parsed. */
const regexParameters = z
  .strictObject({
    pattern: patternText,
    /** RegExp flags (`i`, `m`, `s`, `u`); `g` and `y` are not needed and refused. */
    flags: z.string().regex(/^[imsu]*$/, 'flags among i, m, s, u').default(''),
    /** True: the output must match; false: the output must not match. */
    shouldMatch: z.boolean().default(true),
  })
  .transform((parameters, context) => {
    try {
      return { ...parameters, regex: new RegExp(parameters.pattern, parameters.flags) };
    } catch (error) {
      context.addIssue({ code: 'custom', path: ['pattern'], message: `not a valid regular expression: ${(error as Error).message}` });
      return z.NEVER;
    }
  });

/** Passes when the output matches (or, with `shouldMatch: false`, does not match) a regular expression. */
export const regexAssertion = defineAssertion({
  id: 'regex',
  label: 'Regular expression',
  description: 'The output matches a regular expression (or must not match it).',
  parametersSchema: regexParameters,
  valueType: 'boolean',
  needsModel: false,
  run(subject, { regex, shouldMatch, pattern }) {
    const found = regex.exec(subject.outputText);
    if (shouldMatch) return found ? verdict(true) : verdict(false, `no match for /${pattern}/`);
    return found ? verdict(false, `matched /${pattern}/ at "${found[0].slice(0, 80)}"`) : verdict(true);
  },
});

const phrasesParameters = z
  .strictObject({
    values: z.array(z.string().min(1).max(2000)).min(1).max(200),
    /** `any`: one of the values is enough; `all`: every value. */
    mode: z.enum(['any', 'all']).default('any'),
    caseSensitive: z.boolean().default(false),
  })
  .transform((parameters) => ({ ...parameters, needles: parameters.caseSensitive ? parameters.values : parameters.values.map((value) => value.toLowerCase()) }));

type PhraseParameters = z.output<typeof phrasesParameters>;

function foundPhrases(text: string, parameters: PhraseParameters): string[] {
  const haystack = parameters.caseSensitive ? text : text.toLowerCase();
  return parameters.values.filter((_, index) => haystack.includes(parameters.needles[index] as string));
}

/** Passes when the output contains any (or all) of the given texts. */
export const containsAssertion = defineAssertion({
  id: 'contains',
  label: 'Contains',
  description: 'The output contains any (or all) of the given texts.',
  parametersSchema: phrasesParameters,
  valueType: 'boolean',
  needsModel: false,
  run(subject, parameters) {
    const found = foundPhrases(subject.outputText, parameters);
    const pass = parameters.mode === 'any' ? found.length > 0 : found.length === parameters.values.length;
    if (pass) return verdict(true);
    const missing = parameters.values.filter((value) => !found.includes(value));
    return verdict(false, parameters.mode === 'any' ? 'contains none of the texts' : `missing: ${missing.slice(0, 5).map((value) => JSON.stringify(value)).join(', ')}`);
  },
});

/** Passes when the output contains none (or, with `mode: all`, not all) of the given texts. */
export const notContainsAssertion = defineAssertion({
  id: 'not-contains',
  label: 'Does not contain',
  description: 'The output contains none of the given texts (mode any), or not all of them (mode all).',
  parametersSchema: phrasesParameters,
  valueType: 'boolean',
  needsModel: false,
  run(subject, parameters) {
    const found = foundPhrases(subject.outputText, parameters);
    const fail = parameters.mode === 'any' ? found.length > 0 : found.length === parameters.values.length;
    return fail ? verdict(false, `contains ${found.slice(0, 5).map((value) => JSON.stringify(value)).join(', ')}`) : verdict(true);
  },
});

const comparisonParameters = z.strictObject({
  value: z.string().max(200_000),
  caseSensitive: z.boolean().default(true),
  /** Ignore leading and trailing whitespace. */
  trim: z.boolean().default(true),
});

const normalize = (text: string, { caseSensitive, trim }: { caseSensitive: boolean; trim: boolean }) => {
  const trimmed = trim ? text.trim() : text;
  return caseSensitive ? trimmed : trimmed.toLowerCase();
};

/** Passes when the output equals a text (JSON outputs compare by value when the text is JSON). */
export const equalsAssertion = defineAssertion({
  id: 'equals',
  label: 'Equals',
  description: 'The output equals the given text (both JSON: equal values).',
  parametersSchema: comparisonParameters,
  valueType: 'boolean',
  needsModel: false,
  run(subject, parameters) {
    if (normalize(subject.outputText, parameters) === normalize(parameters.value, parameters)) return verdict(true);
    const json = subject.outputJson;
    if (json.ok) {
      try {
        if (jsonEqual(json.value, JSON.parse(parameters.value))) return verdict(true);
      } catch {
        // The expected text is not JSON: the texts differ and that is the verdict.
      }
    }
    return verdict(false, `differs from ${JSON.stringify(parameters.value.slice(0, 80))}`);
  },
});

/** Passes when the output starts with a text. */
export const startsWithAssertion = defineAssertion({
  id: 'starts-with',
  label: 'Starts with',
  description: 'The output starts with the given text (leading whitespace ignored unless trim is false).',
  parametersSchema: comparisonParameters.extend({ value: z.string().min(1).max(2000) }),
  valueType: 'boolean',
  needsModel: false,
  run(subject, parameters) {
    const text = parameters.trim ? subject.outputText.trimStart() : subject.outputText;
    const prefix = parameters.caseSensitive ? parameters.value : parameters.value.toLowerCase();
    const head = text.slice(0, prefix.length);
    return (parameters.caseSensitive ? head : head.toLowerCase()) === prefix
      ? verdict(true)
      : verdict(false, `starts with ${JSON.stringify(text.slice(0, Math.min(80, prefix.length + 10)))}`);
  },
});

/** Deep equality of JSON values (object keys in any order). */
export function jsonEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left)) {
    const other = right as unknown[];
    return left.length === other.length && left.every((value, index) => jsonEqual(value, other[index]));
  }
  const leftKeys = Object.keys(left);
  const rightRecord = right as Record<string, unknown>;
  if (leftKeys.length !== Object.keys(rightRecord).length) return false;
  return leftKeys.every((key) => Object.hasOwn(rightRecord, key) && jsonEqual((left as Record<string, unknown>)[key], rightRecord[key]));
}

