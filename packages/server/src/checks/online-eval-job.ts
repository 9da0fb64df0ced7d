import { z } from 'zod';
import { defineJobKind, type JobSchedule } from '../jobs/job-kind.js';
import type { NewJob } from '../storage/job-store.js';
import { runOnlineRule } from './online-evaluator.js';

/** The kind name of online evaluation jobs. */
export const onlineEvalKind = 'online-eval';

/** Evaluates the spans a task's online rule has not read yet, up to the position named when the job was made. */
export const onlineEvalJob = defineJobKind({
  kind: onlineEvalKind,
  payloadSchema: z.object({ projectId: z.string(), task: z.string(), from: z.number().int().min(0), through: z.number().int().min(0) }),
  maxAttempts: 5,
  retryDelayMs: 2_000,
  run: (context, payload) => runOnlineRule(context, payload.projectId, payload.task, payload.through),
});

/** At each round, one job per enabled rule whose task may have spans stored after its position. */
export const onlineEvalSchedule: JobSchedule = {
  id: 'online-eval',
  async due(context, now) {
    const jobs: NewJob[] = [];
    for (const project of await context.storage.projects.listProjects()) {
      const rules = (await context.storage.checks.listOnlineRules(project.id)).filter((state) => state.rule.enabled);
      if (rules.length === 0) continue;
      const latest = await context.storage.checks.latestSpanPosition(project.id);
      for (const { rule, position } of rules) {
        if (latest <= position) continue;
        const payload = { projectId: project.id, task: rule.task, from: position, through: latest };
        jobs.push({ kind: onlineEvalKind, key: `${project.id}:${rule.task}:${position}-${latest}`, projectId: project.id, payload, runAt: now, maxAttempts: 5 });
      }
    }
    return jobs;
  },
};
