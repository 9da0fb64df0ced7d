import { createHash } from 'node:crypto';
import type { EventInput } from '@genchi/spec';
import type { EventStore, TaskModelState, TaskModelStore } from '../storage/storage.js';
import { isFloatingAlias } from './model-version.js';

/** One answered call: which version a provider answered for a task's requested model. */
export interface ModelObservation {
  projectId: string;
  task: string;
  provider: string;
  requestedModel: string;
  resolvedModel: string;
  /** Epoch milliseconds of the answer. */
  at: number;
}

/** The UTC day of a time, as YYYY-MM-DD. */
export function dayOf(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

const eventId = (...parts: string[]): string => `evt_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;

/** The event of a provider answering a requested model with a version other than before. */
function modelChangeEvent(stored: TaskModelState, seen: ModelObservation): EventInput {
  const day = dayOf(seen.at);
  return {
    id: eventId('model-change', seen.task, seen.provider, seen.requestedModel, stored.resolvedModel, seen.resolvedModel, day),
    type: 'model-change',
    at: seen.at,
    task: seen.task,
    summary: `${seen.provider} answered ${seen.requestedModel} with ${seen.resolvedModel} for task ${seen.task}; on ${dayOf(stored.lastSeen)} it answered ${stored.resolvedModel}`,
    details: { provider: seen.provider, requestedModel: seen.requestedModel, from: stored.resolvedModel, to: seen.resolvedModel, lastSeenFrom: new Date(stored.lastSeen).toISOString(), day },
  };
}

/** The event of a task's traffic going to a floating alias. */
function floatingAliasEvent(seen: ModelObservation): EventInput {
  return {
    id: eventId('floating-alias', seen.task, seen.provider, seen.requestedModel),
    type: 'floating-alias',
    at: seen.at,
    task: seen.task,
    summary: `task ${seen.task} calls ${seen.provider}/${seen.requestedModel}, a floating alias (now ${seen.resolvedModel}); pin a dated version in tasks.${seen.task}.model`,
    details: { provider: seen.provider, requestedModel: seen.requestedModel, resolvedModel: seen.resolvedModel },
  };
}

/**
 * Remembers which version answered each task's requested model and records an event when it
 * changes (a provider moving an alias, or answering a pinned name with something else) and the
 * first time a task's traffic goes to a floating alias. The common case (same version, same day)
 * is a map lookup; the store is touched only when something changed, once a day per key otherwise.
 */
export class ModelChangeTracker {
  private readonly seen = new Map<string, { resolvedModel: string; day: number }>();
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly stores: () => { events: EventStore; taskModels: TaskModelStore },
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Notes an answered call; records what changed off the caller's path. */
  observe(observation: ModelObservation): void {
    const key = `${observation.projectId}\u0000${observation.task}\u0000${observation.provider}\u0000${observation.requestedModel}`;
    const day = Math.floor(observation.at / 86_400_000);
    const known = this.seen.get(key);
    if (known !== undefined && known.resolvedModel === observation.resolvedModel && known.day === day) return;
    if (this.seen.size >= 50_000) this.seen.clear();
    this.seen.set(key, { resolvedModel: observation.resolvedModel, day });
    this.work = this.work.then(() => this.record(observation)).catch((error: unknown) => {
      this.seen.delete(key);
      this.onError(error);
    });
  }

  /** Resolves when every noted change is recorded. */
  idle(): Promise<void> {
    return this.work;
  }

  private async record(seen: ModelObservation): Promise<void> {
    const { events, taskModels } = this.stores();
    const stored = await taskModels.getTaskModel(seen.projectId, seen);
    if (stored === null) {
      const floating = isFloatingAlias(seen.requestedModel);
      await taskModels.putTaskModel(seen.projectId, {
        task: seen.task,
        provider: seen.provider,
        requestedModel: seen.requestedModel,
        resolvedModel: seen.resolvedModel,
        previousModel: null,
        floating,
        firstSeen: seen.at,
        lastSeen: seen.at,
        changedAt: null,
      });
      if (floating) await events.recordEvent(seen.projectId, floatingAliasEvent(seen));
      return;
    }
    const lastSeen = Math.max(stored.lastSeen, seen.at);
    if (stored.resolvedModel === seen.resolvedModel) {
      await taskModels.putTaskModel(seen.projectId, { ...stored, lastSeen });
      return;
    }
    await events.recordEvent(seen.projectId, modelChangeEvent(stored, seen));
    await taskModels.putTaskModel(seen.projectId, { ...stored, resolvedModel: seen.resolvedModel, previousModel: stored.resolvedModel, lastSeen, changedAt: seen.at });
  }
}
