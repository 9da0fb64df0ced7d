import type { SpanKind, TaskConfig } from '@genchi/spec';
import type { CallContext } from './context-headers.js';
import type { CallRoute } from './call-route.js';
import type { UpstreamProviders } from './upstream-providers.js';
import { assignVariant } from './variant-assignment.js';

/**
 * Routes a call: an A/B variant of its task when the task has some, else the task's pinned model,
 * else the model the caller named; the provider comes from the chosen reference. Pins and variants
 * choose only for calls of the kind the task names (`calls`); others go where they name.
 */
export function routeCall(
  requestedModel: string,
  callKind: SpanKind,
  context: CallContext,
  tasks: Readonly<Record<string, TaskConfig>>,
  providers: UpstreamProviders,
): CallRoute {
  const task = context.taskNamed && Object.hasOwn(tasks, context.task) ? tasks[context.task] : undefined;
  if (task !== undefined && task.calls === callKind) {
    const assignment = assignVariant(context.task, task.variants, context);
    if (assignment !== null) {
      const target = providers.resolve(assignment.variant.model);
      const variant = { name: assignment.variant.name, stickyBy: assignment.stickyBy };
      const promptVersion = assignment.variant.promptVersion;
      return { ...target, requestedModel, task, variant: promptVersion === undefined ? variant : { ...variant, promptVersion } };
    }
    if (task.model !== undefined) return { ...providers.resolve(task.model), requestedModel, pinnedModel: task.model, task };
  }
  return providers.plainRoute(requestedModel, task);
}
