import type { Page, ReviewItem, Score, Span } from '@genchi/spec';
import type { ReactNode } from 'react';
import { useApi } from '../../api/use-api.js';
import { formatCost, formatDuration, formatTime } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { JsonView } from '../../components/json-view.js';
import { ErrorState, Loading } from '../../components/states.js';
import { EvaluationScores } from '../checks/evaluation-scores.js';
import { ChatView, ToolCallsView } from './chat-view.js';
import { routingNote } from './routing-note.js';
import { StatusBadge } from './span-list.js';

/** A span as `GET /v1/spans/:id` answers it: the span, its scores, and its feedback events where the server has them. */
type SpanDetailAnswer = Span & { scores: Score[]; feedback?: Array<Record<string, unknown>> };

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <span className="fact-label">{label}</span>
      <span className="fact-value">{children}</span>
    </div>
  );
}

function Section({ title, children, open = true }: { title: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="section" open={open}>
      <summary>{title}</summary>
      {children}
    </details>
  );
}

function ScoresTable({ scores }: { scores: Score[] }) {
  return (
    <table className="table compact">
      <thead>
        <tr>
          <th>name</th>
          <th>value</th>
          <th>source</th>
          <th>reason</th>
        </tr>
      </thead>
      <tbody>
        {scores.map((score) => (
          <tr key={score.id}>
            <td>{score.name}</td>
            <td className={typeof score.value === 'number' && score.source === 'feedback' ? (score.value < 0 ? 'negative' : score.value > 0 ? 'positive' : '') : ''}>
              {String(score.value)}
            </td>
            <td>{score.source}</td>
            <td className="truncate">{score.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReviewVerdicts({ items }: { items: ReviewItem[] }) {
  if (items.length === 0) return <p className="muted">Not drawn into a review queue.</p>;
  return (
    <ul className="plain">
      {items.map((item) => (
        <li key={item.id}>
          <Link to={`/review/${encodeURIComponent(item.task)}?day=${item.day}&item=${item.id}`}>{item.task}</Link> · {item.day} ·{' '}
          {item.verdict === null ? <span className="muted">waiting</span> : <span className={`verdict verdict-${item.verdict}`}>{item.verdict}</span>}
          {item.failureModes.length > 0 ? ` · ${item.failureModes.map((mode) => mode.name).join(', ')}` : ''}
          {item.reviewedBy ? ` · by ${item.reviewedBy}` : ''}
          {item.note ? <div className="muted">{item.note}</div> : null}
        </li>
      ))}
    </ul>
  );
}

/** Everything about one span: facts, input and output as chat, tool calls, error, scores, feedback, review verdicts, and the raw fields. */
export function SpanDetail({ spanId, onClose }: { spanId: string; onClose(): void }) {
  const span = useApi<SpanDetailAnswer>(`/v1/spans/${encodeURIComponent(spanId)}`);
  const reviews = useApi<Page<ReviewItem>>(`/v1/review/items?spanId=${encodeURIComponent(spanId)}`);
  if (span.error) return <ErrorState error={span.error} retry={span.reload} title={`Span ${spanId} could not be loaded`} />;
  if (span.data === undefined || span.loading) return <Loading label="Loading span…" />;
  const data = span.data;
  const feedbackScores = data.scores.filter((score) => score.source === 'feedback');
  const otherScores = data.scores.filter((score) => score.source !== 'feedback');
  const routing = routingNote(data.metadata);
  return (
    <article className="span-detail" data-testid="span-detail">
      <header className="detail-head">
        <div>
          <h2>{data.name}</h2>
          <div className="muted">
            {data.kind} · {data.task} · {formatTime(data.startTime)}
          </div>
        </div>
        <div className="detail-actions">
          <Link to={`/trace/${encodeURIComponent(data.traceId)}`} className="button">
            Trace tree
          </Link>
          <button type="button" onClick={onClose} aria-label="close">
            ✕
          </button>
        </div>
      </header>
      <div className="facts">
        <Fact label="status"><StatusBadge status={data.status} /></Fact>
        <Fact label="latency">{formatDuration(data.latencyMs)}</Fact>
        <Fact label="TTFT">{formatDuration(data.ttftMs)}</Fact>
        <Fact label="model">
          {data.model ?? '—'}
          {data.resolvedModel && data.resolvedModel !== data.model ? ` → ${data.resolvedModel}` : ''}
          {routing === null ? null : <span className="muted"> ({routing})</span>}
        </Fact>
        <Fact label="tokens">{data.usage.inputTokens ?? '—'} in · {data.usage.outputTokens ?? '—'} out{data.usage.estimated ? ' (estimated)' : ''}</Fact>
        <Fact label="cost">{formatCost(data.costUsd)}</Fact>
        <Fact label="environment">{data.environment}</Fact>
        {data.userId ? <Fact label="user"><Link to={`/traces?userId=${encodeURIComponent(data.userId)}`}>{data.userId}</Link></Fact> : null}
        {data.sessionId ? <Fact label="session"><Link to={`/traces?sessionId=${encodeURIComponent(data.sessionId)}`}>{data.sessionId}</Link></Fact> : null}
        {data.promptId ? <Fact label="prompt">{data.promptId}@{data.promptVersion ?? '?'}</Fact> : null}
        {data.tags.length > 0 ? <Fact label="tags">{data.tags.map((tag) => <Link key={tag} className="tag" to={`/traces?tag=${encodeURIComponent(tag)}`}>{tag}</Link>)}</Fact> : null}
      </div>
      {data.error ? <div className="error-box"><strong>{data.error.type ?? 'error'}</strong> {data.error.message}</div> : null}
      <Section title="Input"><ChatView value={data.input} /></Section>
      <Section title="Output"><ChatView value={data.output} /></Section>
      {data.toolCalls.length > 0 ? <Section title="Tool calls"><ToolCallsView calls={data.toolCalls} /></Section> : null}
      <Section title={`Review (${reviews.data?.data.length ?? 0})`}>
        {reviews.error ? <p className="muted">{reviews.error.message}</p> : <ReviewVerdicts items={reviews.data?.data ?? []} />}
      </Section>
      <Section title={`Feedback (${feedbackScores.length + (data.feedback?.length ?? 0)})`}>
        {feedbackScores.length === 0 && (data.feedback?.length ?? 0) === 0 ? <p className="muted">No feedback on this span.</p> : null}
        {data.feedback && data.feedback.length > 0 ? <JsonView value={data.feedback} /> : feedbackScores.length > 0 ? <ScoresTable scores={feedbackScores} /> : null}
      </Section>
      <Section title={`Scores (${otherScores.length})`}><EvaluationScores task={data.task} scores={otherScores} /></Section>
      <Section title="Parameters and metadata" open={false}>
        <JsonView value={{ params: data.params, metadata: data.metadata, attributes: data.attributes }} />
      </Section>
      {data.raw !== undefined && data.raw !== null ? <Section title="Raw" open={false}><JsonView value={data.raw} /></Section> : null}
    </article>
  );
}
