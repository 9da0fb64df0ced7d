import { createRequire } from 'node:module';

interface Tokenizer {
  countTokens(text: string): number;
}

let tokenizer: Tokenizer | undefined;

/** Counts the tokens of a text with the o200k_base encoding (loaded on first use: it costs about 100 MB). */
export function countTokens(text: string): number {
  if (text === '') return 0;
  tokenizer ??= createRequire(import.meta.url)('gpt-tokenizer/cjs/encoding/o200k_base') as Tokenizer;
  return tokenizer.countTokens(text);
}
