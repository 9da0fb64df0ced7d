/** Characters per simulated token; the simulator counts tokens as `ceil(characters / 4)`. */
export const CHARACTERS_PER_TOKEN = 4;

const FILLER = ' The simulated model keeps writing to reach the requested length.';

/** Counts the simulated tokens of a text, deterministically, about one per four characters. */
export function countTokens(text: string): number {
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}

/** Pads a text with filler words until it counts at least `tokens` simulated tokens. */
export function padToTokens(text: string, tokens: number, filler: string = FILLER): string {
  const target = tokens * CHARACTERS_PER_TOKEN;
  if (text.length >= target) return text;
  let padded = text;
  while (padded.length < target) padded += filler;
  return padded.slice(0, target);
}

/** Cuts a text to at most `tokens` simulated tokens, never inside a surrogate pair. */
export function truncateToTokens(text: string, tokens: number): string {
  const limit = tokens * CHARACTERS_PER_TOKEN;
  if (text.length <= limit) return text;
  return text.slice(0, safeCut(text, limit));
}

/** Splits a text into pieces of one simulated token each, never inside a surrogate pair. */
export function splitIntoTokens(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    const end = safeCut(text, Math.min(start + CHARACTERS_PER_TOKEN, text.length));
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

function safeCut(text: string, index: number): number {
  const code = text.charCodeAt(index - 1);
  const isHighSurrogate = code >= 0xd800 && code <= 0xdbff;
  return isHighSurrogate && index < text.length ? index + 1 : index;
}
