import { z } from 'zod';
import { countTokens } from '../tokens/count-tokens.js';
import { defineAssertion, verdict } from './assertion-definition.js';

/** How a length is counted, as data. */
const lengthUnits = {
  chars: (text: string) => [...text].length,
  words: (text: string) => {
    const words = text.trim().split(/\s+/u);
    return words[0] === '' ? 0 : words.length;
  },
  tokens: (text: string) => countTokens(text),
} as const;

const lengthParameters = z
  .strictObject({
    unit: z.enum(['chars', 'words', 'tokens']).default('chars'),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
  })
  .refine((parameters) => parameters.min !== undefined || parameters.max !== undefined, { message: 'give min, max or both', path: ['max'] })
  .refine((parameters) => parameters.min === undefined || parameters.max === undefined || parameters.min <= parameters.max, { message: 'min is above max', path: ['min'] });

/** Passes when the output's length in characters, words or tokens lies within bounds. */
export const lengthAssertion = defineAssertion({
  id: 'length',
  label: 'Length bounds',
  description: 'The output is at least min and at most max characters, words or tokens (o200k_base) long.',
  parametersSchema: lengthParameters,
  valueType: 'number',
  needsModel: false,
  run(subject, { unit, min, max }) {
    const length = lengthUnits[unit](subject.outputText);
    if (min !== undefined && length < min) return verdict(false, `${length} ${unit}, below ${min}`, length);
    if (max !== undefined && length > max) return verdict(false, `${length} ${unit}, above ${max}`, length);
    return verdict(true, undefined, length);
  },
});

const letters = (text: string) => text.replace(/[^\p{L}]/gu, '');

/** Casing styles, as data: whether a text follows each one. */
const casingStyles = {
  lower: (text: string) => text === text.toLowerCase(),
  upper: (text: string) => text === text.toUpperCase(),
  /** Each sentence starts with a capital letter. */
  sentence: (text: string) => text.split(/(?<=[.!?])\s+/u).every((sentence) => {
    const first = letters(sentence).charAt(0);
    return first === '' || first === first.toUpperCase();
  }),
  /** Each word starts with a capital letter. */
  title: (text: string) => text.split(/\s+/u).every((word) => {
    const first = letters(word).charAt(0);
    return first === '' || first === first.toUpperCase();
  }),
  /** Not shouting: at most 30% of the letters are capitals (texts of 20 letters or more). */
  'not-shouting': (text: string) => {
    const all = letters(text);
    if (all.length < 20) return true;
    return letters(text.replace(/\p{Ll}/gu, '')).length / all.length <= 0.3;
  },
} as const;

/** Passes when the output follows a casing style. */
export const casingAssertion = defineAssertion({
  id: 'casing',
  label: 'Casing',
  description: 'The output is all lowercase, all uppercase, sentence case, title case, or not shouting.',
  parametersSchema: z.strictObject({ style: z.enum(['lower', 'upper', 'sentence', 'title', 'not-shouting']) }),
  valueType: 'boolean',
  needsModel: false,
  run(subject, { style }) {
    return casingStyles[style](subject.outputText.trim()) ? verdict(true) : verdict(false, `not ${style} case`);
  },
});
