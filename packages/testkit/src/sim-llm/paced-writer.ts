import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isWritable, sendJson, startEventStream } from './http-io.js';
import type { ReplyPlan } from './reply-plan.js';
import type { Exchange, Pace } from './sim-context.js';
import type { Sleeper } from './sleeper.js';

/** One server-sent event, already serialised, with the simulated tokens it carries. */
export interface Frame {
  text: string;
  tokens: number;
  /** Whether the frame carries generated content (counted by the mid-stream cut). */
  content: boolean;
}

/** How frames are spaced in time, and where a faulty stream is cut. */
export interface Pacing {
  pace: Pace;
  sleeper: Sleeper;
  /** Destroys the socket after this many content frames, leaving the response unfinished. */
  cutAfterContentFrames?: number | undefined;
}

/**
 * Writes frames with the first after `firstTokenMs` and each next one `perTokenMs` per token of
 * the previous later, then ends the response. Frames due together are written in one piece.
 */
export async function writePaced(res: ServerResponse, frames: readonly Frame[], pacing: Pacing): Promise<void> {
  const { pace, sleeper, cutAfterContentFrames } = pacing;
  const start = performance.now();
  let dueMs = pace.firstTokenMs;
  let pending = '';
  let contentFrames = 0;
  for (const frame of frames) {
    // Timers are coarse (about 1 ms): sleep only when behind by a full millisecond, then catch up.
    const waitMs = start + dueMs - performance.now();
    if (waitMs >= 1) {
      if (pending !== '') res.write(pending);
      pending = '';
      await sleeper.sleep(waitMs);
      if (!isWritable(res)) return;
    }
    pending += frame.text;
    dueMs += pace.perTokenMs * frame.tokens;
    if (frame.content) contentFrames += 1;
    if (cutAfterContentFrames !== undefined && contentFrames >= cutAfterContentFrames) {
      cutAfterWrite(res, pending);
      return;
    }
  }
  res.end(pending);
}

/** Waits `ms` (when at least a millisecond) and tells whether the response can still be written. */
export async function waitBeforeAnswer(res: ServerResponse, ms: number, sleeper: Sleeper): Promise<boolean> {
  if (ms >= 1) await sleeper.sleep(ms);
  return isWritable(res);
}

/**
 * Sends a planned reply: its fault when the fault answers instead; else, when the caller streams,
 * the frames paced as the plan says; else the whole answer as one JSON body once the reply's time
 * has passed (first token plus every completion token).
 */
export async function sendPlannedReply(exchange: Exchange, plan: ReplyPlan, stream: boolean, answer: { frames(): readonly Frame[]; whole(): unknown }): Promise<void> {
  const { res, context } = exchange;
  if (plan.fault?.intercept?.(res, stream)) return;
  if (stream) {
    startEventStream(res);
    await writePaced(res, answer.frames(), { pace: plan.pace, sleeper: context.sleeper, cutAfterContentFrames: plan.fault?.cutStreamAfterChunks });
    return;
  }
  if (!(await waitBeforeAnswer(res, plan.pace.firstTokenMs + plan.pace.perTokenMs * plan.completionTokens, context.sleeper))) return;
  sendJson(res, 200, answer.whole());
}

function cutAfterWrite(res: ServerResponse, text: string): void {
  const destroy = (): void => {
    res.socket?.destroy();
  };
  if (text === '') destroy();
  else res.write(text, destroy);
}
