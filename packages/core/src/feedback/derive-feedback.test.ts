import { feedbackInputSchema, type FeedbackInputBody } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { deriveFeedback, feedbackScoreOf } from './derive-feedback.js';

const now = Date.parse('2026-05-01T10:00:00Z');
const parse = (body: Partial<FeedbackInputBody>) => feedbackInputSchema.parse({ id: 'f1', spanId: 's1', ...body });

describe('deriveFeedback', () => {
  it('labels an edit against the span output when the event carries no original', () => {
    const feedback = deriveFeedback(parse({ kind: 'edited', finalText: 'Footwear > Running' }), { spanOutputText: 'Footwear > Running', now });
    expect(feedback).toMatchObject({ kind: 'edited', labelStrength: 1, label: 'weak-positive', diff: { changedShare: 0, originalFrom: 'span-output' } });
    expect(feedback.createdAt).toBe('2026-05-01T10:00:00.000Z');
  });

  it('prefers the original text of the event, and is neutral when no original is known', () => {
    const rewritten = deriveFeedback(parse({ kind: 'edited', originalText: 'Toys', finalText: 'Sporting goods > Shoes' }), { spanOutputText: 'x', now });
    expect(rewritten).toMatchObject({ labelStrength: -2, label: 'strong-negative', diff: { originalFrom: 'event' } });
    const unknown = deriveFeedback(parse({ kind: 'edited', finalText: 'anything' }), { spanOutputText: null, now });
    expect(unknown).toMatchObject({ labelStrength: 0, diff: null });
  });

  it('writes a feedback score whose value is the label strength and whose id follows the event', () => {
    const feedback = deriveFeedback(parse({ kind: 'thumbs', thumbs: 'down', comment: 'wrong category', traceId: 't1' }), { spanOutputText: null, now });
    expect(feedbackScoreOf(feedback)).toEqual({
      id: 'fb:f1',
      spanId: 's1',
      traceId: 't1',
      name: 'feedback',
      value: -2,
      source: 'feedback',
      status: 'ok',
      reason: 'wrong category',
      metadata: { kind: 'thumbs', feedbackId: 'f1', label: 'strong-negative' },
      createdAt: now,
    });
  });

  it('refuses a body that lacks the field its kind needs, naming it', () => {
    const result = feedbackInputSchema.safeParse({ id: 'f', spanId: 's', kind: 'rating' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['rating'], message: 'required when kind is rating' });
  });
});
