import { eventQuerySchema, type EventInput, type EventQueryInput } from '@genchi/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage, TaskModelState } from './storage.js';

const base = Date.parse('2026-03-01T12:00:00Z');
const day = 86_400_000;

function event(index: number, overrides: Partial<EventInput> = {}): EventInput {
  return {
    id: `event-${index}`,
    type: index % 2 === 0 ? 'model-change' : 'floating-alias',
    at: base + index * 3_600_000,
    task: index % 3 === 0 ? 'summarize' : 'categorize-product',
    summary: `event ${index}`,
    details: { index, from: 'gpt-4o-2024-05-13', to: 'gpt-4o-2024-08-06' },
    ...overrides,
  };
}

const query = (input: EventQueryInput = {}) => eventQuerySchema.parse(input);

const state = (overrides: Partial<TaskModelState> = {}): TaskModelState => ({
  task: 'categorize-product',
  provider: 'openai',
  requestedModel: 'gpt-4o',
  resolvedModel: 'gpt-4o-2024-05-13',
  previousModel: null,
  floating: true,
  firstSeen: base,
  lastSeen: base,
  changedAt: null,
  ...overrides,
});

/** The behaviour every backend's event and task-model stores must show; each backend's test calls this with its own opener. */
export function describeGatewayStoreContract(name: string, open: () => Promise<Storage>): void {
  describe(`gateway store contract: ${name}`, () => {
    let storage: Storage;
    let projectId: string;
    let otherProjectId: string;
    const events = Array.from({ length: 12 }, (_, index) => event(index));

    beforeAll(async () => {
      storage = await open();
      projectId = (await storage.projects.createProject('gateway-contract')).id;
      otherProjectId = (await storage.projects.createProject('gateway-other')).id;
      for (const item of events) expect(await storage.events.recordEvent(projectId, item)).toBe('created');
    });
    afterAll(async () => storage?.close());

    it('records an event once by id; a repeat keeps the first record', async () => {
      expect(await storage.events.recordEvent(projectId, event(3, { summary: 'again', at: base + 99 * day }))).toBe('merged');
      const page = await storage.events.listEvents(projectId, query({ limit: 100 }));
      expect(page.data).toHaveLength(12);
      expect(page.data.find((item) => item.id === 'event-3')).toEqual({
        id: 'event-3',
        type: 'floating-alias',
        at: new Date(base + 3 * 3_600_000).toISOString(),
        task: 'summarize',
        summary: 'event 3',
        details: { index: 3, from: 'gpt-4o-2024-05-13', to: 'gpt-4o-2024-08-06' },
      });
    });

    it('keeps projects apart', async () => {
      expect((await storage.events.listEvents(otherProjectId, query())).data).toEqual([]);
      expect(await storage.events.recordEvent(otherProjectId, event(3))).toBe('created');
      expect((await storage.events.listEvents(otherProjectId, query())).data.map((item) => item.id)).toEqual(['event-3']);
    });

    it('lists newest first and pages without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await storage.events.listEvents(projectId, query({ limit: 5, ...(cursor ? { cursor } : {}) }));
        seen.push(...page.data.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(events.map((item) => item.id).reverse());
    });

    it('filters by type, task and time window', async () => {
      const ids = async (input: EventQueryInput) => (await storage.events.listEvents(projectId, query({ limit: 100, ...input }))).data.map((item) => item.id);
      const expected = (keep: (item: EventInput) => boolean) => events.filter(keep).map((item) => item.id).reverse();
      expect(await ids({ type: 'model-change' })).toEqual(expected((item) => item.type === 'model-change'));
      expect(await ids({ task: 'summarize', type: 'model-change' })).toEqual(expected((item) => item.task === 'summarize' && item.type === 'model-change'));
      const from = base + 2 * 3_600_000;
      const to = base + 5 * 3_600_000;
      expect(await ids({ from: String(from), to: String(to) })).toEqual(expected((item) => item.at >= from && item.at <= to));
    });

    it('stores, replaces and lists task model states', async () => {
      const key = { task: 'categorize-product', provider: 'openai', requestedModel: 'gpt-4o' };
      expect(await storage.taskModels.getTaskModel(projectId, key)).toBeNull();
      await storage.taskModels.putTaskModel(projectId, state());
      expect(await storage.taskModels.getTaskModel(projectId, key)).toEqual(state());
      const changed = state({ resolvedModel: 'gpt-4o-2024-08-06', previousModel: 'gpt-4o-2024-05-13', lastSeen: base + day, changedAt: base + day });
      await storage.taskModels.putTaskModel(projectId, changed);
      expect(await storage.taskModels.getTaskModel(projectId, key)).toEqual(changed);
      const pinned = state({ task: 'summarize', requestedModel: 'gpt-4o-2024-08-06', resolvedModel: 'gpt-4o-2024-08-06', floating: false });
      await storage.taskModels.putTaskModel(projectId, pinned);
      expect(await storage.taskModels.listTaskModels(projectId)).toEqual([changed, pinned]);
      expect(await storage.taskModels.listTaskModels(projectId, 'summarize')).toEqual([pinned]);
      expect(await storage.taskModels.listTaskModels(otherProjectId)).toEqual([]);
      expect(await storage.taskModels.getTaskModel(otherProjectId, key)).toBeNull();
    });
  });
}
