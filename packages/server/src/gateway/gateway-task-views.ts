import type { GatewayTaskView, TaskConfig, TaskModelView } from '@genchi/spec';
import type { TaskModelState } from '../storage/storage.js';

const iso = (time: number): string => new Date(time).toISOString();

function modelView(state: TaskModelState): TaskModelView {
  return {
    provider: state.provider,
    requestedModel: state.requestedModel,
    resolvedModel: state.resolvedModel,
    previousModel: state.previousModel,
    floating: state.floating,
    firstSeen: iso(state.firstSeen),
    lastSeen: iso(state.lastSeen),
    changedAt: state.changedAt === null ? null : iso(state.changedAt),
  };
}

/** Every configured or observed task with its pin, shadows, variants and the models its traffic met, by name. */
export function gatewayTaskViews(tasks: Readonly<Record<string, TaskConfig>>, states: readonly TaskModelState[]): GatewayTaskView[] {
  const names = [...new Set([...Object.keys(tasks), ...states.map((state) => state.task)])].sort();
  return names.map((task) => {
    const config = Object.hasOwn(tasks, task) ? tasks[task] : undefined;
    const models = states.filter((state) => state.task === task).map(modelView);
    return {
      task,
      calls: config?.calls ?? null,
      pinnedModel: config?.model ?? null,
      shadow: (config?.shadow ?? []).map((target) => ({ model: target.model, share: target.share })),
      variants: (config?.variants ?? []).map((variant) => ({ name: variant.name, model: variant.model, weight: variant.weight, promptVersion: variant.promptVersion ?? null })),
      models,
      floating: models.some((model) => model.floating),
    };
  });
}
