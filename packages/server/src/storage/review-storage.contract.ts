import { deriveSpanRecord, percentile, PriceBook } from '@genchi/core';
import { reviewItemQuerySchema, scoreInputSchema, spanInputSchema, type ReviewItemQueryInput } from '@genchi/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownFailureModeError, type NewReviewItem } from './review-store.js';
import type { Storage } from './storage.js';

const base = Date.parse('2026-04-01T00:00:00Z');
const hour = 3_600_000;
const items = (query: ReviewItemQueryInput) => reviewItemQuerySchema.parse(query);

function newItem(spanId: string): NewReviewItem {
  return { spanId, traceId: `t-${spanId}`, stratum: 'random', spanStartTime: base, model: 'gpt-4o-mini', status: 'ok', inputPreview: `in ${spanId}`, outputPreview: `out ${spanId}` };
}

/** Behaviour of the review, job and session stores and the span and score reads they rely on; every backend passes it. */
export function describeReviewStorageContract(name: string, open: () => Promise<Storage>): void {
  describe(`review storage contract: ${name}`, () => {
    let storage: Storage;
    let projectId: string;
    let otherId: string;
    const sample = (task: string, day: string, assignedTo: string | null = 'ann') => ({ task, day, seed: 1, candidates: 10, byStratum: { random: 3 }, assignedTo, drawnAt: base + 30 * hour });

    beforeAll(async () => {
      storage = await open();
      projectId = (await storage.projects.createProject('review-contract')).id;
      otherId = (await storage.projects.createProject('review-other')).id;
    });
    afterAll(async () => storage?.close());

    it('stores one sampling rule per task and one rotation per project', async () => {
      const rule = { task: 'qa', enabled: true, sampleSize: 5, environment: 'prod', kind: 'llm' as const, strata: [{ stratum: 'random', weight: 1 }], seed: 3 };
      await storage.review.putRule(projectId, rule, base);
      await storage.review.putRule(projectId, { ...rule, sampleSize: 9 }, base + 1);
      expect(await storage.review.getRule(projectId, 'qa')).toMatchObject({ sampleSize: 9, updatedAt: new Date(base + 1).toISOString() });
      expect(await storage.review.listRules(projectId)).toHaveLength(1);
      expect(await storage.review.listRules(otherId)).toEqual([]);
      await storage.review.putRule(projectId, { ...rule, task: 'gone' }, base);
      expect(await storage.review.deleteRule(projectId, 'gone')).toBe(true);
      expect(await storage.review.deleteRule(projectId, 'gone')).toBe(false);
      await storage.review.putRotation(projectId, { reviewers: ['ann', 'ben'], startDay: '2026-04-01', shiftDays: 1 }, base);
      expect(await storage.review.getRotation(projectId)).toMatchObject({ reviewers: ['ann', 'ben'] });
      expect(await storage.review.getRotation(otherId)).toBeNull();
    });

    it('records a day once and puts a span in a queue once', async () => {
      const first = await storage.review.recordSample(projectId, sample('qa', '2026-04-01'), ['a', 'b', 'c'].map(newItem));
      expect(first).toMatchObject({ alreadyDrawn: false, drawn: 3, added: 3, assignedTo: 'ann' });
      const again = await storage.review.recordSample(projectId, sample('qa', '2026-04-01'), ['x', 'y'].map(newItem));
      expect(again).toMatchObject({ alreadyDrawn: true, drawn: 3, added: 3 });
      const next = await storage.review.recordSample(projectId, sample('qa', '2026-04-02', 'ben'), ['c', 'd'].map(newItem));
      expect(next).toMatchObject({ alreadyDrawn: false, drawn: 2, added: 1 });
      const other = await storage.review.recordSample(projectId, sample('summarize', '2026-04-02', null), ['a'].map(newItem));
      expect(other.added).toBe(1);
      expect((await storage.review.getSample(projectId, 'qa', '2026-04-01'))?.drawn).toBe(3);
      expect((await storage.review.listSamples(projectId, { limit: 10 })).map((entry) => `${entry.task}:${entry.day}`)).toEqual(['qa:2026-04-02', 'summarize:2026-04-02', 'qa:2026-04-01']);
      const all = await storage.review.listItems(projectId, items({ task: 'qa' }));
      expect(all.data.map((item) => item.spanId)).toEqual(['a', 'b', 'c', 'd']);
      expect(all.data[3]).toMatchObject({ day: '2026-04-02', assignedTo: 'ben', position: 1, verdict: null, span: { outputPreview: 'out d' } });
    });

    it('filters and pages items', async () => {
      expect((await storage.review.listItems(projectId, items({ day: '2026-04-02' }))).data.map((item) => item.spanId)).toEqual(['d', 'a']);
      expect((await storage.review.listItems(projectId, items({ spanId: 'a' }))).data.map((item) => item.task)).toEqual(['qa', 'summarize']);
      const first = await storage.review.listItems(projectId, items({ limit: 2 }));
      expect(first.data).toHaveLength(2);
      const second = await storage.review.listItems(projectId, items({ limit: 2, cursor: first.nextCursor ?? '' }));
      const third = await storage.review.listItems(projectId, items({ limit: 2, cursor: second.nextCursor ?? '' }));
      expect([...first.data, ...second.data, ...third.data].map((item) => item.spanId)).toEqual(['a', 'b', 'c', 'd', 'a']);
      expect(third.nextCursor).toBeNull();
      expect((await storage.review.listItems(otherId, items({}))).data).toEqual([]);
    });

    it('grows a versioned failure-mode taxonomy per task', async () => {
      const wrong = await storage.review.createFailureMode(projectId, { task: 'qa', name: 'Wrong facts', definition: 'states something false' }, base);
      expect(wrong).toMatchObject({ task: 'qa', name: 'Wrong facts', version: 1, archived: false, staleItems: 0 });
      await expect(storage.review.createFailureMode(projectId, { task: 'qa', name: 'wrong FACTS', definition: '' }, base)).rejects.toThrow(/already has/);
      await storage.review.createFailureMode(projectId, { task: 'summarize', name: 'Wrong facts', definition: '' }, base);
      await storage.review.createFailureMode(projectId, { task: 'qa', name: 'Too long', definition: 'over 100 words' }, base);
      expect((await storage.review.listFailureModes(projectId, 'qa')).map((mode) => mode.name)).toEqual(['Wrong facts', 'Too long']);
      expect(await storage.review.listFailureModes(projectId)).toHaveLength(3);
      const renamed = await storage.review.updateFailureMode(projectId, wrong.id, { name: 'Wrong fact' }, base + 1);
      expect(renamed).toMatchObject({ name: 'Wrong fact', version: 1 });
      expect(await storage.review.updateFailureMode(otherId, wrong.id, { name: 'x' }, base)).toBeNull();
    });

    it('applies actions at once, records who graded under which definition, and undoes them in order', async () => {
      const [a, b] = (await storage.review.listItems(projectId, items({ task: 'qa', day: '2026-04-01' }))).data;
      const [wrong, long] = await storage.review.listFailureModes(projectId, 'qa');
      if (!a || !b || !wrong || !long) throw new Error('seed missing');
      const failed = await storage.review.updateItem(projectId, a.id, { verdict: 'fail', failureModes: [wrong.id] }, { actor: null, now: base + 40 * hour });
      expect(failed).toMatchObject({ verdict: 'fail', reviewedBy: 'ann', reviewedAt: new Date(base + 40 * hour).toISOString(), failureModes: [{ id: wrong.id, version: 1, stale: false }], revision: 1 });
      const tagged = await storage.review.updateItem(projectId, a.id, { failureModes: [wrong.id, long.id] }, { actor: 'ben', now: base + 41 * hour });
      expect(tagged?.failureModes.map((mode) => mode.name)).toEqual(['Wrong fact', 'Too long']);
      expect(tagged?.reviewedBy).toBe('ann');
      await expect(storage.review.updateItem(projectId, a.id, { failureModes: ['fm_unknown'] }, { actor: null, now: base })).rejects.toBeInstanceOf(UnknownFailureModeError);
      const unchanged = await storage.review.updateItem(projectId, a.id, { failureModes: [wrong.id, long.id] }, { actor: null, now: base });
      expect(unchanged?.revision).toBe(2);
      const undone = await storage.review.undoItem(projectId, a.id, { actor: 'ben', now: base + 42 * hour });
      expect(undone?.item.failureModes.map((mode) => mode.name)).toEqual(['Wrong fact']);
      expect(undone?.undone?.after.failureModes).toHaveLength(2);
      const again = await storage.review.undoItem(projectId, a.id, { actor: 'ben', now: base + 42 * hour });
      expect(again?.item).toMatchObject({ verdict: null, reviewedBy: null, reviewedAt: null, failureModes: [] });
      expect((await storage.review.undoItem(projectId, a.id, { actor: 'ben', now: base }))?.undone).toBeNull();
      expect((await storage.review.itemHistory(projectId, a.id)).map((event) => [event.action, event.undone])).toEqual([
        ['change', true], ['change', true], ['undo', false], ['undo', false],
      ]);
      expect(await storage.review.updateItem(otherId, a.id, { verdict: 'pass' }, { actor: null, now: base })).toBeNull();
      expect(b.verdict).toBeNull();
    });

    it('treats a burst of typing in one field as one action', async () => {
      const [, b] = (await storage.review.listItems(projectId, items({ task: 'qa', day: '2026-04-01' }))).data;
      if (!b) throw new Error('seed missing');
      const at = base + 50 * hour;
      for (const [offset, text] of [[0, 'T'], [1000, 'Th'], [2000, 'The answer']] as const) {
        await storage.review.updateItem(projectId, b.id, { correctedOutput: text }, { actor: 'cho', now: at + offset });
      }
      await storage.review.updateItem(projectId, b.id, { correctedOutput: 'The answer is 4.' }, { actor: 'cho', now: at + 5 * 60_000 });
      expect((await storage.review.itemHistory(projectId, b.id)).length).toBe(2);
      expect((await storage.review.undoItem(projectId, b.id, { actor: 'cho', now: at }))?.item.correctedOutput).toBe('The answer');
      expect((await storage.review.undoItem(projectId, b.id, { actor: 'cho', now: at }))?.item.correctedOutput).toBeNull();
    });

    it('marks items graded under an old definition until they are graded again', async () => {
      const [, , c] = (await storage.review.listItems(projectId, items({ task: 'qa' }))).data;
      const [wrong] = await storage.review.listFailureModes(projectId, 'qa');
      if (!c || !wrong) throw new Error('seed missing');
      await storage.review.updateItem(projectId, c.id, { verdict: 'fail', failureModes: [wrong.id] }, { actor: 'ann', now: base + 60 * hour });
      const redefined = await storage.review.updateFailureMode(projectId, wrong.id, { definition: 'states a fact the input contradicts' }, base + 61 * hour);
      expect(redefined).toMatchObject({ version: 2, staleItems: 1 });
      expect((await storage.review.failureModeVersions(projectId, wrong.id)).map((version) => [version.version, version.name])).toEqual([[1, 'Wrong fact'], [2, 'Wrong fact']]);
      const stale = await storage.review.getItem(projectId, c.id);
      expect(stale).toMatchObject({ stale: true, failureModes: [{ version: 1, currentVersion: 2, stale: true }] });
      expect((await storage.review.listItems(projectId, items({ stale: 'true' }))).data.map((item) => item.id)).toEqual([c.id]);
      expect((await storage.review.listItems(projectId, items({ failureMode: wrong.id }))).data.map((item) => item.id)).toEqual([c.id]);
      const regraded = await storage.review.updateItem(projectId, c.id, { verdict: 'fail' }, { actor: 'ann', now: base + 62 * hour });
      expect(regraded).toMatchObject({ stale: false, failureModes: [{ version: 2 }], reviewedAt: new Date(base + 62 * hour).toISOString() });
      expect((await storage.review.getFailureMode(projectId, wrong.id))?.staleItems).toBe(0);
    });

    it('summarises queues and lists reviewing activity in a window', async () => {
      const [d] = (await storage.review.listItems(projectId, items({ task: 'qa', day: '2026-04-02' }))).data;
      if (!d) throw new Error('seed missing');
      await storage.review.updateItem(projectId, d.id, { verdict: 'pass' }, { actor: 'ben', now: base + 70 * hour });
      const queues = await storage.review.queues(projectId);
      expect(queues).toEqual([
        { task: 'qa', latestDay: '2026-04-02', today: { total: 1, reviewed: 1, failed: 0, assignedTo: 'ben' }, waiting: 2, stale: 0 },
        { task: 'summarize', latestDay: '2026-04-02', today: { total: 1, reviewed: 0, failed: 0, assignedTo: null }, waiting: 1, stale: 0 },
      ]);
      const activity = await storage.review.reviewActivity(projectId, { from: base, to: base + 100 * hour, task: 'qa' });
      expect(activity.map((entry) => [entry.verdict, entry.failureModes.length, entry.reviewedAt])).toEqual([['fail', 1, base + 62 * hour], ['pass', 0, base + 70 * hour]]);
      expect(await storage.review.reviewActivity(projectId, { from: base + 63 * hour, to: base + 69 * hour })).toEqual([]);
    });

    it('enqueues a job once per kind and key and hands it to one worker at a time', async () => {
      const job = { kind: 'test-kind', key: 'k1', projectId, payload: { day: '2026-04-01' }, runAt: base, maxAttempts: 2 };
      const first = await storage.jobs.enqueue(job, base);
      expect(first).toMatchObject({ created: true, job: { status: 'queued', attempts: 0, payload: { day: '2026-04-01' } } });
      expect(await storage.jobs.enqueue({ ...job, payload: { other: true } }, base)).toMatchObject({ created: false, job: { id: first.job.id, payload: { day: '2026-04-01' } } });
      await storage.jobs.enqueue({ ...job, key: 'later', runAt: base + hour }, base);
      expect(await storage.jobs.claim({ owner: 'w1', now: base - 1, leaseMs: 1000, kinds: ['test-kind'] })).toBeNull();
      expect(await storage.jobs.claim({ owner: 'w1', now: base, leaseMs: 1000, kinds: ['other-kind'] })).toBeNull();
      const claimed = await storage.jobs.claim({ owner: 'w1', now: base, leaseMs: 1000, kinds: ['test-kind'] });
      expect(claimed).toMatchObject({ id: first.job.id, status: 'running', attempts: 1, leaseOwner: 'w1' });
      expect(await storage.jobs.claim({ owner: 'w2', now: base + 500, leaseMs: 1000, kinds: ['test-kind'] })).toBeNull();
      expect(await storage.jobs.renew(first.job.id, 'w1', base + 2000)).toBe(true);
      expect(await storage.jobs.claim({ owner: 'w2', now: base + 1500, leaseMs: 1000, kinds: ['test-kind'] })).toBeNull();
      const taken = await storage.jobs.claim({ owner: 'w2', now: base + 2001, leaseMs: 1000, kinds: ['test-kind'] });
      expect(taken).toMatchObject({ id: first.job.id, attempts: 2, leaseOwner: 'w2' });
      expect(await storage.jobs.complete(first.job.id, 'w1', { late: true }, base + 2002)).toBe(false);
      expect(await storage.jobs.complete(first.job.id, 'w2', { added: 3 }, base + 2003)).toBe(true);
      expect(await storage.jobs.getJob(first.job.id)).toMatchObject({ status: 'done', result: { added: 3 }, leaseOwner: null });
    });

    it('retries a failed job later and gives up after its attempts', async () => {
      const { job } = await storage.jobs.enqueue({ kind: 'flaky', key: 'f', projectId: null, payload: null, runAt: base, maxAttempts: 2 }, base);
      await storage.jobs.claim({ owner: 'w', now: base, leaseMs: 1000, kinds: ['flaky'] });
      expect(await storage.jobs.fail(job.id, 'w', 'boom', base + 1, base + 5000)).toBe(true);
      expect(await storage.jobs.claim({ owner: 'w', now: base + 10, leaseMs: 1000, kinds: ['flaky'] })).toBeNull();
      await storage.jobs.claim({ owner: 'w', now: base + 5000, leaseMs: 1000, kinds: ['flaky'] });
      // the worker dies: its lease lapses with no attempt left
      expect(await storage.jobs.claim({ owner: 'w2', now: base + 7000, leaseMs: 1000, kinds: ['flaky'] })).toBeNull();
      expect(await storage.jobs.getJob(job.id)).toMatchObject({ status: 'failed', attempts: 2, error: expect.stringMatching(/boom.*lease lapsed/) });
      expect((await storage.jobs.listJobs({ kind: 'flaky', limit: 10 })).map((listed) => listed.id)).toEqual([job.id]);
      expect((await storage.jobs.listJobs({ projectId, status: 'done', limit: 10 })).map((listed) => listed.key)).toEqual(['k1']);
    });

    it('keeps web sessions by hash until they expire or their key is revoked', async () => {
      const key = await storage.projects.createKey(projectId, { secretHash: 'session-key-hash', prefix: 'gk_ses', name: 'web', scopes: ['read'] });
      await storage.sessions.createSession({ tokenHash: 'h1', projectId, keyId: key.id, scopes: ['read'], createdAt: base, expiresAt: base + hour });
      await storage.sessions.createSession({ tokenHash: 'h2', projectId, keyId: null, scopes: ['admin'], createdAt: base, expiresAt: base + hour });
      expect(await storage.sessions.grantOfSession('h1', base + 1)).toMatchObject({ project: { id: projectId, name: 'review-contract' }, scopes: ['read'], keyId: key.id, expiresAt: base + hour });
      expect(await storage.sessions.grantOfSession('h1', base + hour)).toBeNull();
      expect(await storage.sessions.grantOfSession('nope', base)).toBeNull();
      await storage.projects.revokeKey(projectId, key.id);
      expect(await storage.sessions.grantOfSession('h1', base + 1)).toBeNull();
      expect(await storage.sessions.grantOfSession('h2', base + 1)).toMatchObject({ keyId: null, scopes: ['admin'] });
      await storage.sessions.deleteSession('h2');
      expect(await storage.sessions.grantOfSession('h2', base + 1)).toBeNull();
      expect(await storage.sessions.purgeExpired(base + 2 * hour)).toBe(1);
    });

    it('lets a login token be used once, before it expires', async () => {
      await storage.sessions.createLoginToken({ tokenHash: 't1', projectId, scopes: ['admin'], createdAt: base, expiresAt: base + hour });
      await storage.sessions.createLoginToken({ tokenHash: 't2', projectId, scopes: ['admin'], createdAt: base, expiresAt: base + hour });
      expect(await storage.sessions.consumeLoginToken('t1', base + 1)).toEqual({ projectId, scopes: ['admin'] });
      expect(await storage.sessions.consumeLoginToken('t1', base + 2)).toBeNull();
      expect(await storage.sessions.consumeLoginToken('t2', base + hour)).toBeNull();
      expect(await storage.sessions.consumeLoginToken('unknown', base)).toBeNull();
    });

    describe('span and score reads of sampling and the tasks overview', () => {
      const context = { prices: new PriceBook(), now: base };
      const spans = Array.from({ length: 30 }, (_, index) =>
        deriveSpanRecord(
          spanInputSchema.parse({
            id: `d${index}`,
            traceId: `dt${index}`,
            task: index % 3 === 0 ? 'summarize' : 'qa',
            environment: index % 5 === 0 ? 'dev' : 'prod',
            model: 'gpt-4o-mini',
            resolvedModel: index === 4 ? 'gpt-4o-mini-2024-07-18' : undefined,
            promptVersion: index % 2 === 0 ? 'v1' : 'v2',
            startTime: base + index * hour,
            endTime: base + index * hour + 200 + index * 10,
            ttftMs: 50 + index,
            status: index % 7 === 0 ? 'error' : 'ok',
            usage: { inputTokens: 10, outputTokens: index },
          }),
          context,
        ),
      );
      beforeAll(async () => {
        await storage.traces.writeSpans(projectId, spans);
      });

      it('reads digests of a window, oldest first, by task and environment, or by id', async () => {
        const window = { from: base + 3 * hour, to: base + 12 * hour, limit: 100 };
        const qa = await storage.traces.spanDigests(projectId, { ...window, task: 'qa', environment: 'prod' });
        expect(qa.map((digest) => digest.id)).toEqual(['d4', 'd7', 'd8', 'd11']);
        expect(qa[0]).toEqual({ id: 'd4', traceId: 'dt4', task: 'qa', startTime: base + 4 * hour, status: 'ok', latencyMs: 240, ttftMs: 54, outputTokens: 4, model: 'gpt-4o-mini-2024-07-18', promptVersion: 'v1' });
        expect((await storage.traces.spanDigests(projectId, { ...window, limit: 2 })).map((digest) => digest.id)).toEqual(['d3', 'd4']);
        const byIds = await storage.traces.spanDigests(projectId, { ...window, ids: ['d20', 'd5', 'd5', 'missing', 'd3'] });
        expect(byIds.map((digest) => digest.id)).toEqual(['d3', 'd5']);
        expect(await storage.traces.spanDigests(otherId, window)).toEqual([]);
      });

      it('computes task figures per window and per bucket', async () => {
        const window = { from: base, to: base + 30 * hour };
        const [qa, summarize] = await storage.traces.taskStats(projectId, { ...window, bucketMs: null });
        const qaSpans = spans.filter((span) => span.task === 'qa');
        expect(qa).toMatchObject({ task: 'qa', bucketStart: null, count: qaSpans.length, errorCount: qaSpans.filter((span) => span.status === 'error').length });
        expect(qa?.latencyP95Ms).toBeCloseTo(percentile(qaSpans.map((span) => span.latencyMs ?? 0), 95) ?? 0, 6);
        expect(qa?.ttftP50Ms).toBeCloseTo(percentile(qaSpans.map((span) => span.ttftMs ?? 0), 50) ?? 0, 6);
        expect(qa?.outputTokens).toBe(qaSpans.reduce((sum, span) => sum + (span.outputTokens ?? 0), 0));
        expect(summarize?.count).toBe(10);
        const daily = await storage.traces.taskStats(projectId, { ...window, task: 'qa', bucketMs: 24 * hour });
        expect(daily.map((row) => [row.bucketStart, row.count])).toEqual([[base, 16], [base + 24 * hour, 4]]);
      });

      it('lists scores created in a window, of one source', async () => {
        const scores = [
          { id: 'fb1', spanId: 'd1', name: 'feedback', value: -2, source: 'feedback', createdAt: base + hour },
          { id: 'fb2', spanId: 'd2', name: 'feedback', value: 1, source: 'feedback', createdAt: base + 2 * hour },
          { id: 'as1', spanId: 'd2', name: 'is-json', value: false, source: 'assertion', createdAt: base + 2 * hour },
          { id: 'fb3', spanId: 'd9', name: 'feedback', value: -1, source: 'feedback', createdAt: base + 9 * hour },
        ].map((score) => scoreInputSchema.parse(score));
        await storage.scores.writeScores(projectId, scores);
        const feedback = await storage.scores.listScores(projectId, { from: base, to: base + 5 * hour, source: 'feedback', limit: 10 });
        expect(feedback.map((score) => [score.id, score.value])).toEqual([['fb1', -2], ['fb2', 1]]);
        expect((await storage.scores.listScores(projectId, { from: base, to: base + 10 * hour, limit: 10 })).map((score) => score.id)).toEqual(['fb1', 'fb2', 'as1', 'fb3']);
        expect(await storage.scores.listScores(otherId, { from: base, to: base + 10 * hour, limit: 10 })).toEqual([]);
      });
    });
  });
}
