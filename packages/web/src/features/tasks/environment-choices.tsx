import type { TaskEnvironments } from '@genchi/spec';
import { useApi } from '../../api/use-api.js';
import { formatCount } from '../../app/format.js';

/**
 * The environments a task's spans carried in the last 7 days, as suggestions for a rule's environment
 * field (`<input list={id}>`), and a warning when the field names one with no spans while others have
 * some: an OpenTelemetry app that reports `production` finds nothing under the default `prod`.
 */
export function EnvironmentChoices({ id, task, environment }: { id: string; task: string; environment: string | null }) {
  const seen = useApi<TaskEnvironments>(`/v1/tasks/${encodeURIComponent(task)}/environments?from=7d`);
  const data = seen.data?.data ?? [];
  const named = environment === null || environment === '' ? null : environment;
  const missing = named !== null && data.length > 0 && !data.some((entry) => entry.environment === named);
  return (
    <>
      <datalist id={id}>
        {data.map((entry) => (
          <option key={entry.environment} value={entry.environment}>{`${formatCount(entry.count)} spans`}</option>
        ))}
      </datalist>
      {missing ? (
        <p className="notice" role="note">
          No span of {task} in environment {named} in the last 7 days; its spans are in{' '}
          {data.map((entry) => `${entry.environment} (${formatCount(entry.count)})`).join(', ')}.
        </p>
      ) : null}
    </>
  );
}
