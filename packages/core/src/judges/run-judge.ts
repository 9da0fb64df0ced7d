import type { AssertionOutcome, JudgeCallPolicy } from '../assertions/assertion-definition.js';
import type { AssertionSubject } from '../assertions/assertion-subject.js';
import type { ModelClient } from '../models/model-client.js';
import { buildJudgeMessages, type JudgeRubric } from './judge-prompt.js';
import { JudgeFormatError, majorityVote, parseJudgeVerdict, type JudgeVote } from './judge-verdict.js';
import { callWithRetry } from './retry-policy.js';

/** A judge as configured: its rubric, pinned model, votes and sampling. */
export interface JudgeSettings extends JudgeRubric {
  model: string;
  /** Independent grades asked for; the majority decides. */
  votes: number;
  /** A score at or above it passes (score scale). */
  passThreshold: number;
  temperature: number;
}

/** What running a judge needs besides the subject. */
export interface JudgeRun {
  client: ModelClient;
  policy: JudgeCallPolicy;
  purpose?: Readonly<Record<string, string>>;
}

/**
 * Grades one subject: asks the model `votes` times (each call retried with backoff), reads each
 * answer, and takes the majority. A model that stays down makes the outcome `skipped` (not
 * evaluated), never a pass or a fail; answers that hold no grade make it an `error`.
 */
export async function runJudge(settings: JudgeSettings, subject: AssertionSubject, run: JudgeRun): Promise<AssertionOutcome> {
  const messages = buildJudgeMessages(settings, subject);
  const ask = (index: number) =>
    callWithRetry(
      () => run.client.complete({
        model: settings.model,
        messages,
        temperature: settings.temperature,
        json: true,
        maxTokens: 600,
        purpose: { ...run.purpose, vote: String(index + 1) },
      }),
      run.policy,
    );
  const answers = await Promise.allSettled(Array.from({ length: settings.votes }, (_, index) => ask(index)));
  const failed = answers.find((answer): answer is PromiseRejectedResult => answer.status === 'rejected');
  if (failed !== undefined) {
    const message = failed.reason instanceof Error ? failed.reason.message : String(failed.reason);
    return { status: 'skipped', reason: `not evaluated: the judge model did not answer (${message.slice(0, 300)})` };
  }
  const votes: JudgeVote[] = [];
  const problems: string[] = [];
  for (const answer of answers as Array<PromiseFulfilledResult<{ text: string }>>) {
    try {
      votes.push(parseJudgeVerdict(answer.value.text, settings.scale, settings.passThreshold));
    } catch (error) {
      if (!(error instanceof JudgeFormatError)) throw error;
      problems.push(error.message);
    }
  }
  if (votes.length === 0) return { status: 'error', reason: `the judge gave no usable grade: ${problems[0] ?? ''}` };
  const decided = majorityVote(votes);
  const tally = settings.votes > 1 ? ` (${decided.passVotes} of ${votes.length} votes pass)` : '';
  return {
    status: 'ok',
    pass: decided.pass,
    reason: `${decided.reason}${tally}`.trim(),
    ...(decided.score === null ? {} : { measured: decided.score }),
  };
}
