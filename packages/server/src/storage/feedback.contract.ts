import { deriveSpanRecord, PriceBook } from '@genchi/core';
import { feedbackInputSchema, spanInputSchema, type FeedbackInputBody } from '@genchi/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from './storage.js';

const base = Date.parse('2026-04-01T08:00:00Z');
const span = (id: string, output: unknown) =>
  deriveSpanRecord(spanInputSchema.parse({ id, traceId: `trace-${id}`, startTime: base, endTime: base + 50, input: 'q', output }), { prices: new PriceBook(), now: base });
const event = (body: Partial<FeedbackInputBody> & Pick<FeedbackInputBody, 'id' | 'spanId' | 'kind'>) =>
  feedbackInputSchema.parse({ createdAt: base + 1000, ...body });

/** Feedback behaviour every storage backend must show; each backend's test calls this with its own opener. */
export function describeFeedbackContract(name: string, open: () => Promise<Storage>): void {
  describe(`feedback store contract: ${name}`, () => {
    let storage: Storage;
    let projectId: string;
    let otherProjectId: string;

    beforeAll(async () => {
      storage = await open();
      projectId = (await storage.projects.createProject('feedback')).id;
      otherProjectId = (await storage.projects.createProject('feedback-other')).id;
      await storage.traces.writeSpans(projectId, [span('answer-1', [{ role: 'assistant', content: 'Your parcel arrives on Monday.' }])]);
    });
    afterAll(async () => storage?.close());

    it('stores an event with its label and writes its feedback score on the span', async () => {
      expect(await storage.feedback.writeFeedback(projectId, [event({ id: 'up-1', spanId: 'answer-1', kind: 'thumbs', thumbs: 'up', userId: 'u1' })])).toEqual(['created']);
      expect(await storage.feedback.getFeedback(projectId, 'up-1')).toMatchObject({
        id: 'up-1', spanId: 'answer-1', kind: 'thumbs', thumbs: 'up', labelStrength: 2, label: 'strong-positive', userId: 'u1', createdAt: new Date(base + 1000).toISOString(),
      });
      const scores = await storage.scores.scoresOfSpan(projectId, 'answer-1');
      expect(scores).toEqual([expect.objectContaining({ id: 'fb:up-1', name: 'feedback', source: 'feedback', value: 2, valueType: 'number', metadata: { kind: 'thumbs', feedbackId: 'up-1', label: 'strong-positive' } })]);
    });

    it('replaces an event resent with the same id, and its score with it', async () => {
      expect(await storage.feedback.writeFeedback(projectId, [event({ id: 'up-1', spanId: 'answer-1', kind: 'thumbs', thumbs: 'down', comment: 'wrong day' })])).toEqual(['merged']);
      expect(await storage.feedback.feedbackOfSpan(projectId, 'answer-1')).toEqual([expect.objectContaining({ id: 'up-1', thumbs: 'down', labelStrength: -2, comment: 'wrong day' })]);
      const scores = (await storage.scores.scoresOfSpan(projectId, 'answer-1')).filter((score) => score.source === 'feedback');
      expect(scores.map((score) => [score.id, score.value, score.reason])).toEqual([['fb:up-1', -2, 'wrong day']]);
    });

    it('diffs an edit against the stored span output when the event has no original text', async () => {
      await storage.feedback.writeFeedback(projectId, [event({ id: 'edit-1', spanId: 'answer-1', kind: 'edited', finalText: 'Your parcel arrives on Tuesday.' })]);
      const stored = await storage.feedback.getFeedback(projectId, 'edit-1');
      expect(stored?.diff).toMatchObject({ originalFrom: 'span-output', removedChars: 6, addedChars: 7 });
      expect(stored?.diff?.parts).toContainEqual({ op: 'insert', text: 'Tuesday' });
      expect(stored).toMatchObject({ labelStrength: -1, finalText: 'Your parcel arrives on Tuesday.' });
    });

    it('sees a span written just before, even in the same moment (as one ingest batch does)', async () => {
      const [, outcomes] = await Promise.all([
        storage.traces.writeSpans(projectId, [span('answer-2', 'Category: Footwear')]),
        storage.feedback.writeFeedback(projectId, [event({ id: 'edit-2', spanId: 'answer-2', kind: 'edited', finalText: 'Category: Footwear' })]),
      ]);
      expect(outcomes).toEqual(['created']);
      expect(await storage.feedback.getFeedback(projectId, 'edit-2')).toMatchObject({ labelStrength: 1, diff: { changedShare: 0, originalFrom: 'span-output' } });
    });

    it('prefers the original text of the event; an edit of an unknown span without one is neutral', async () => {
      await storage.feedback.writeFeedback(projectId, [
        event({ id: 'edit-3', spanId: 'missing', kind: 'edited', originalText: 'Toys', finalText: 'Sporting goods' }),
        event({ id: 'edit-4', spanId: 'missing', kind: 'edited', finalText: 'Sporting goods' }),
        event({ id: 'ignored-1', spanId: 'missing', kind: 'ignored' }),
      ]);
      expect(await storage.feedback.getFeedback(projectId, 'edit-3')).toMatchObject({ labelStrength: -2, diff: { originalFrom: 'event' } });
      expect(await storage.feedback.getFeedback(projectId, 'edit-4')).toMatchObject({ labelStrength: 0, diff: null });
      const onMissing = await storage.feedback.feedbackOfSpan(projectId, 'missing');
      expect(onMissing.map((feedback) => [feedback.id, feedback.labelStrength])).toEqual([['edit-3', -2], ['edit-4', 0], ['ignored-1', -1]]);
    });

    it('keeps projects apart', async () => {
      expect(await storage.feedback.getFeedback(otherProjectId, 'up-1')).toBeNull();
      expect(await storage.feedback.feedbackOfSpan(otherProjectId, 'answer-1')).toEqual([]);
      expect(await storage.feedback.getFeedback(projectId, 'nope')).toBeNull();
    });
  });
}
