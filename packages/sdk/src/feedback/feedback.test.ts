import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSdkHarness, type SdkHarness } from '../testing/sdk-harness.js';

describe('feedback from the product, through the SDK to a real genchi', () => {
  let h: SdkHarness;
  let spanId: string;
  let answer: string;

  beforeAll(async () => {
    h = await startSdkHarness();
    h.sim.setRules([{ reply: { content: 'Your parcel arrives on Monday between 9 and 12.' } }]);
    const client = h.sdk.wrapOpenAI(h.openai, { task: 'support-reply' });
    const completion = await client.chat.completions.create({ model: 'sim-small', messages: [{ role: 'user', content: 'where is my parcel?' }] });
    spanId = h.sdk.spanOf(completion)?.spanId ?? '';
    answer = completion.choices[0]?.message.content ?? '';
  });
  afterAll(async () => h.close());

  it('stores explicit and implicit events with their label strength, and a feedback score for each', async () => {
    const ids = [
      h.sdk.feedback(spanId, { thumbs: 'down', comment: 'it came on Tuesday', userId: 'user-7' }),
      h.sdk.feedback(spanId, { rating: 4 }),
      h.sdk.feedback(spanId, { rating: 9, scale: 10 }),
      h.sdk.feedback(spanId, { comment: 'tone is fine' }),
      h.sdk.feedback(spanId, { event: 'accepted' }),
      h.sdk.feedback(spanId, { event: 'copied' }),
      h.sdk.feedback(spanId, { event: 'ignored' }),
      h.sdk.feedback(spanId, { event: 'regenerated' }),
      h.sdk.feedback(spanId, { event: 'edited', finalText: answer.replace('Monday', 'Tuesday') }),
      h.sdk.feedback(spanId, { event: 'edited', originalText: 'Hello', finalText: 'A whole new answer written by the agent.' }),
    ];
    const span = await h.span(spanId);
    expect(h.errors).toEqual([]);
    const strengths = Object.fromEntries(span.feedback.map((event: { id: string; labelStrength: number }) => [event.id, event.labelStrength]));
    expect(ids.map((id) => strengths[id])).toEqual([-2, 1, 2, 0, 1, 1, -1, -1, -1, -2]);
    const edited = span.feedback.find((event: { id: string }) => event.id === ids[8]);
    expect(edited).toMatchObject({ kind: 'edited', label: 'weak-negative', diff: { originalFrom: 'span-output', removedChars: 6, addedChars: 7 } });
    expect(edited.diff.parts).toEqual([
      { op: 'equal', text: 'Your parcel arrives on ' },
      { op: 'delete', text: 'Monday' },
      { op: 'insert', text: 'Tuesday' },
      { op: 'equal', text: ' between 9 and 12.' },
    ]);
    const scores = span.scores.filter((score: { source: string }) => score.source === 'feedback');
    expect(scores).toHaveLength(10);
    expect(scores.every((score: { name: string; valueType: string }) => score.name === 'feedback' && score.valueType === 'number')).toBe(true);
    expect(scores.find((score: { id: string }) => score.id === `fb:${ids[0]}`)).toMatchObject({ value: -2, reason: 'it came on Tuesday', metadata: { kind: 'thumbs' } });
  });

  it('replaces an event sent again with the same id (a changed vote)', async () => {
    h.sdk.feedback(spanId, { id: 'vote-1', thumbs: 'up' });
    await h.sdk.flush();
    h.sdk.feedback(spanId, { id: 'vote-1', thumbs: 'down' });
    const span = await h.span(spanId);
    expect(span.feedback.filter((event: { id: string }) => event.id === 'vote-1')).toEqual([expect.objectContaining({ thumbs: 'down', labelStrength: -2 })]);
    expect(span.scores.filter((score: { id: string }) => score.id === 'fb:vote-1')).toEqual([expect.objectContaining({ value: -2 })]);
  });

  it('attaches feedback to an observed span and scores from the application', async () => {
    const id = await h.sdk.observe('answer-question', { kind: 'chain', task: 'support-reply' }, async (span) => span.id);
    h.sdk.feedback(id, { event: 'accepted' });
    h.sdk.score(id, { name: 'resolved', value: true, reason: 'the customer said thanks' });
    const span = await h.span(id);
    expect(span.feedback).toEqual([expect.objectContaining({ kind: 'accepted', labelStrength: 1 })]);
    expect(span.scores.map((score: { name: string; value: unknown }) => [score.name, score.value]).sort()).toEqual([['feedback', 1], ['resolved', true]]);
  });
});
