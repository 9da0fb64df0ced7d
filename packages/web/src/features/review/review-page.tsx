import type { OnCall, ReviewQueue, SampleOutcome, TaskSummary } from '@genchi/spec';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { Link } from '../../app/router.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { CoveragePanel } from './coverage-panel.js';
import { drawSummary } from './draw-summary.js';
import { FailureModesPanel } from './failure-modes-panel.js';
import { RotationEditor } from './rotation-editor.js';
import { RuleEditor } from './rule-editor.js';

interface QueuesAnswer {
  today: string;
  timeZone: string;
  onCall: OnCall;
  progress: { reviewer: string | null; reviewed: number; total: number };
  data: ReviewQueue[];
}

function OnCallBanner({ queues }: { queues: QueuesAnswer }) {
  const { onCall, progress } = queues;
  return (
    <div className="on-call" data-testid="on-call">
      <div>
        <span className="muted">Today, {queues.today}</span>
        <h2>{onCall.reviewer ? `${onCall.reviewer} is on call` : 'Nobody is on call'}</h2>
        {onCall.next ? <span className="muted">then {onCall.next.reviewer} from {onCall.next.day}</span> : null}
      </div>
      {onCall.reviewer ? (
        <div className="on-call-progress">
          <span className="big">{progress.reviewed} of {progress.total}</span>
          <span className="muted">of today's items reviewed</span>
          <progress max={Math.max(1, progress.total)} value={progress.reviewed} />
        </div>
      ) : (
        <span className="muted">Set a rotation below so each day's sample has a reviewer.</span>
      )}
    </div>
  );
}

function QueueTable({ queues }: { queues: ReviewQueue[] }) {
  return (
    <table className="table" data-testid="queues">
      <thead>
        <tr>
          <th>task</th>
          <th>latest day</th>
          <th>assigned to</th>
          <th className="number">reviewed</th>
          <th className="number">failed</th>
          <th className="number">waiting (all days)</th>
          <th className="number">to regrade</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {queues.map((queue) => (
          <tr key={queue.task}>
            <td>{queue.task}{queue.rule && !queue.rule.enabled ? <span className="muted"> (paused)</span> : null}</td>
            <td>{queue.latestDay ?? <span className="muted">not drawn yet</span>}</td>
            <td>{queue.today.assignedTo ?? '—'}</td>
            <td className="number">{queue.today.reviewed} / {queue.today.total}</td>
            <td className="number">{queue.today.failed}</td>
            <td className="number">{queue.waiting}</td>
            <td className="number">{queue.stale > 0 ? <Link to={`/review/${encodeURIComponent(queue.task)}`}>{queue.stale}</Link> : '—'}</td>
            <td>
              {queue.latestDay ? (
                <Link className="button primary" to={`/review/${encodeURIComponent(queue.task)}`}>
                  {queue.today.reviewed < queue.today.total ? 'Review' : 'Open'}
                </Link>
              ) : null}
              {' '}
              <a className="button" href={`/v1/review/export?task=${encodeURIComponent(queue.task)}`} download>
                Export JSONL
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The review home: whose day it is and how far they are, each task's queue, coverage, and the settings of sampling and rotation. */
export function ReviewPage({ isAdmin }: { isAdmin: boolean }) {
  const queues = useApi<QueuesAnswer>('/v1/review/queues');
  const tasks = useApi<{ data: TaskSummary[] }>('/v1/tasks?from=30d');
  const [drawing, setDrawing] = useState<string | null>(null);
  const [newTask, setNewTask] = useState('');
  if (queues.error) return <ErrorState error={queues.error} retry={queues.reload} />;
  if (queues.data === undefined) return <Loading label="Loading review queues…" />;
  const ruled = new Set(queues.data.data.filter((queue) => queue.rule !== null).map((queue) => queue.task));
  const unruled = (tasks.data?.data ?? []).map((task) => task.task).filter((task) => !ruled.has(task));
  const draw = async () => {
    setDrawing('Drawing…');
    try {
      const answer = await api<{ day: string; data: SampleOutcome[] }>('/v1/review/sample', { method: 'POST', body: {} });
      setDrawing(drawSummary(answer.day, answer.data));
      queues.reload();
    } catch (failure) {
      setDrawing((failure as Error).message);
    }
  };
  return (
    <section className="page review-page">
      <header className="page-head">
        <h1>Daily review</h1>
        {isAdmin ? (
          <button type="button" onClick={() => void draw()} data-testid="draw-now">
            Draw yesterday's sample now
          </button>
        ) : null}
        {drawing ? <span className="muted" data-testid="draw-result">{drawing}</span> : null}
      </header>
      <OnCallBanner queues={queues.data} />
      {queues.data.data.length === 0 ? (
        <EmptyState title="No task is reviewed yet">
          Each day genchi draws a sample of yesterday's calls of a task into its queue (at {queues.data.timeZone === 'UTC' ? 'the configured time, UTC' : `the configured time, ${queues.data.timeZone}`}).
          Choose a task below to start.
        </EmptyState>
      ) : (
        <QueueTable queues={queues.data.data} />
      )}
      <CoveragePanel />
      <h2>Settings</h2>
      <div className="settings">
        <RotationEditor canEdit={isAdmin} onSaved={queues.reload} />
        {queues.data.data.filter((queue) => queue.rule !== null).map((queue) => (
          <div key={queue.task} className="panel">
            <RuleEditor task={queue.task} rule={queue.rule} canEdit={isAdmin} onSaved={queues.reload} />
            <h3>Failure modes of {queue.task}</h3>
            <FailureModesPanel task={queue.task} />
          </div>
        ))}
        {isAdmin ? (
          <div className="panel">
            <h3>Review another task</h3>
            <select value={newTask} onChange={(event) => setNewTask(event.target.value)} aria-label="task to review">
              <option value="">choose a task…</option>
              {unruled.map((task) => (
                <option key={task} value={task}>{task}</option>
              ))}
            </select>
            {unruled.length === 0 ? <p className="muted">Every task with traffic in the last 30 days has a rule.</p> : null}
            {newTask ? <RuleEditor key={newTask} task={newTask} rule={null} canEdit onSaved={() => { setNewTask(''); queues.reload(); }} /> : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
