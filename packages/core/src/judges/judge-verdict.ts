import type { JudgeScale } from './judge-prompt.js';

/** One judge's grade. */
export interface JudgeVote {
  pass: boolean;
  /** The 1–5 score on the score scale; null on the pass/fail scale. */
  score: number | null;
  reason: string;
}

/** A judge answer that holds no usable grade. */
export class JudgeFormatError extends Error {
  override readonly name = 'JudgeFormatError';
}

/** The first JSON object in a text (code fences and prose around it are tolerated). */
function firstJsonObject(text: string): Record<string, unknown> {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end <= start) throw new JudgeFormatError(`no JSON object in the answer: ${JSON.stringify(text.slice(0, 120))}`);
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new JudgeFormatError(`the answer's JSON does not parse: ${JSON.stringify(text.slice(start, start + 120))}`);
}

const passWords = new Set(['pass', 'passed', 'yes', 'true', 'ok', 'good', 'acceptable']);
const failWords = new Set(['fail', 'failed', 'no', 'false', 'bad', 'unacceptable']);

function passOf(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (passWords.has(word)) return true;
  if (failWords.has(word)) return false;
  return null;
}

/** Reads a judge's answer into a vote; a score passes at or above the threshold. Throws {@link JudgeFormatError} when unusable. */
export function parseJudgeVerdict(text: string, scale: JudgeScale, passThreshold: number): JudgeVote {
  const answer = firstJsonObject(text);
  const reason = typeof answer.reason === 'string' ? answer.reason.slice(0, 2000) : '';
  if (scale === 'score') {
    const score = typeof answer.score === 'string' ? Number(answer.score) : answer.score;
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 1 || score > 5) {
      throw new JudgeFormatError(`expected a score from 1 to 5, got ${JSON.stringify(answer.score)}`);
    }
    return { pass: score >= passThreshold, score, reason };
  }
  const pass = passOf(answer.verdict ?? answer.pass ?? answer.result);
  if (pass === null) throw new JudgeFormatError(`expected "verdict": "pass" or "fail", got ${JSON.stringify(answer.verdict ?? null)}`);
  return { pass, score: null, reason };
}

/** The majority of votes (an even split fails: a judge must be convinced to pass), with the reason of a vote on the winning side. */
export function majorityVote(votes: readonly JudgeVote[]): JudgeVote & { passVotes: number; votes: number } {
  const passVotes = votes.filter((vote) => vote.pass).length;
  const pass = passVotes * 2 > votes.length;
  const scores = votes.map((vote) => vote.score).filter((score): score is number => score !== null);
  const winner = votes.find((vote) => vote.pass === pass);
  return {
    pass,
    score: scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length,
    reason: winner?.reason ?? '',
    passVotes,
    votes: votes.length,
  };
}
