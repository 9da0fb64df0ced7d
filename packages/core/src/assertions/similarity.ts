import { z } from 'zod';
import { defineAssertion, evaluationError, verdict } from './assertion-definition.js';

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Cosine similarity of two texts' word counts (0 to 1; two empty texts are identical). */
export function wordCosine(left: string, right: string): number {
  const counts = new Map<string, [number, number]>();
  for (const word of words(left)) (counts.get(word) ?? counts.set(word, [0, 0]).get(word) as [number, number])[0]++;
  for (const word of words(right)) (counts.get(word) ?? counts.set(word, [0, 0]).get(word) as [number, number])[1]++;
  if (counts.size === 0) return 1;
  let dot = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (const [a, b] of counts.values()) {
    dot += a * b;
    leftNorm += a * a;
    rightNorm += b * b;
  }
  return leftNorm === 0 || rightNorm === 0 ? 0 : dot / Math.sqrt(leftNorm * rightNorm);
}

/** 1 − Levenshtein distance / longer length, over characters (0 to 1; two empty texts are identical). */
export function characterSimilarity(left: string, right: string): number {
  const a = [...left];
  const b = [...right];
  if (a.length === 0 && b.length === 0) return 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return 1 - (previous[b.length] as number) / Math.max(a.length, b.length);
}

/** Similarity measures, as data. */
const measures = { words: wordCosine, characters: characterSimilarity } as const;

/** Longest texts compared by characters (the measure is quadratic). */
const characterLimit = 5000;

/** Passes when the output is at least `threshold` similar to an expected text. */
export const similarityAssertion = defineAssertion({
  id: 'similarity',
  label: 'Similar to expected',
  description: "The output is similar to an expected text (given, or the reviewer's corrected output): word cosine or character edit similarity, 0 to 1.",
  parametersSchema: z.strictObject({
    /** The expected text; the subject's expected output (a correction) when absent. */
    expected: z.string().max(200_000).optional(),
    method: z.enum(['words', 'characters']).default('words'),
    threshold: z.number().min(0).max(1).default(0.8),
  }),
  valueType: 'number',
  needsModel: false,
  run(subject, { expected, method, threshold }) {
    const reference = expected ?? subject.expected;
    if (reference === null) return evaluationError('no expected text: give one, or run on items with a corrected output');
    const output = subject.outputText;
    if (method === 'characters' && Math.max(output.length, reference.length) > characterLimit) {
      return evaluationError(`texts over ${characterLimit} characters: use method words`);
    }
    const score = measures[method](output, reference);
    return score >= threshold ? verdict(true, undefined, score) : verdict(false, `similarity ${score.toFixed(2)} below ${threshold}`, score);
  },
});
