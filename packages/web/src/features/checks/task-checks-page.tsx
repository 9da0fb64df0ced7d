import type { Check, Criterion, FailureMode, Page, ReviewItem } from '@genchi/spec';
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { Link } from '../../app/router.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { CheckTable } from './check-table.js';
import { useAssertionTypes, useReviewedItems, type ReviewedItems } from './checks-api.js';
import { CriterionCard } from './criterion-card.js';
import { MakeCheckPanel } from './make-check-panel.js';
import { OnlineRuleEditor } from './online-rule-editor.js';
import { RunReportPanel } from './run-report-panel.js';
import { SuggestPanel } from './suggest-panel.js';
import { useCheckAlignments } from './use-check-alignments.js';
import './checks.css';

/** Failure modes of the task that no criterion was made from yet, each one click from becoming one. */
function ModesToPromote({ modes, criteria, onMade }: { modes: FailureMode[]; criteria: Criterion[]; onMade(): void }) {
  const [problem, setProblem] = useState<string | null>(null);
  const made = new Set(criteria.map((criterion) => criterion.failureModeId));
  const open = modes.filter((mode) => !mode.archived && !made.has(mode.id));
  if (open.length === 0) return null;
  const promote = async (mode: FailureMode) => {
    try {
      await api('/v1/checks/criteria/from-failure-mode', { method: 'POST', body: { failureModeId: mode.id } });
      onMade();
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };
  return (
    <div className="promote" data-testid="modes-to-promote">
      <span className="muted">Failure modes from the review, not yet criteria:</span>
      {open.map((mode) => (
        <button key={mode.id} type="button" className="chip" title={mode.definition} onClick={() => void promote(mode)}>
          make “{mode.name}” a criterion
        </button>
      ))}
      {problem ? <span className="field-problem">{problem}</span> : null}
    </div>
  );
}

function ArchivedCriteria({ criteria, onChanged }: { criteria: Criterion[]; onChanged(): void }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (criteria.length === 0) return null;
  const restore = (criterion: Criterion) =>
    api(`/v1/checks/criteria/${criterion.id}`, { method: 'PATCH', body: { archived: false } }).then(onChanged, (failure: Error) => setProblem(failure.message));
  return (
    <details className="archived">
      <summary className="muted">archived criteria ({criteria.length})</summary>
      <ul className="plain">
        {criteria.map((criterion) => (
          <li key={criterion.id}>
            {criterion.name} <span className="muted">v{criterion.version}</span>{' '}
            <button type="button" className="link" onClick={() => void restore(criterion)}>restore</button>
          </li>
        ))}
      </ul>
      {problem ? <p className="field-problem">{problem}</p> : null}
    </details>
  );
}

function UnattachedChecks({ checks, reviewed, onChanged }: { checks: Check[]; reviewed: ReviewedItems; onChanged(): void }) {
  const { types } = useAssertionTypes();
  const alignments = useCheckAlignments(checks, types);
  if (checks.length === 0 || types === undefined) return null;
  return (
    <section className="panel">
      <h2>Checks without a criterion</h2>
      <p className="muted small">Their alignment is measured against the items’ pass/fail verdicts. Give one a criterion by making it again from the criterion’s card.</p>
      <CheckTable checks={checks} types={types} alignments={alignments} bestCheckId={null} reviewed={reviewed} onChanged={onChanged} />
    </section>
  );
}

/**
 * A task's checks: its criteria with their versions and candidate checks ranked by alignment, the
 * checks without a criterion, suggestions from the model, online evaluation, and the gates over
 * stored spans.
 */
export function TaskChecksPage({ task }: { task: string }) {
  const encoded = encodeURIComponent(task);
  const criteria = useApi<{ data: Criterion[] }>(`/v1/checks/criteria?task=${encoded}`);
  const checks = useApi<{ data: Check[] }>(`/v1/checks/assertions?task=${encoded}`);
  const modes = useApi<{ data: FailureMode[] }>(`/v1/review/failure-modes?task=${encoded}`);
  const graded = useApi<Page<ReviewItem>>(`/v1/review/items?task=${encoded}&status=reviewed&limit=1`);
  const { types, error: typesError } = useAssertionTypes();
  const reviewed = useReviewedItems(task);
  const [composer, setComposer] = useState<{ criterionId?: string } | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const [round, setRound] = useState(0);
  const reload = () => {
    criteria.reload();
    checks.reload();
    setRound((value) => value + 1);
  };
  const error = criteria.error ?? checks.error ?? modes.error ?? typesError;
  if (error) return <section className="page"><ErrorState error={error} retry={reload} /></section>;
  if (criteria.data === undefined || checks.data === undefined || modes.data === undefined || types === undefined) return <Loading label={`Loading the checks of ${task}…`} />;
  const live = criteria.data.data.filter((criterion) => !criterion.archived);
  const allChecks = checks.data.data;
  const unattached = allChecks.filter((check) => check.criterionId === null);
  return (
    <section className="page checks-page" data-testid="task-checks">
      <header className="page-head">
        <h1><Link to="/checks">Checks</Link> / {task}</h1>
        <button type="button" className="primary" onClick={() => setComposer({})} data-testid="new-check">New check</button>
        <button type="button" onClick={() => setSuggesting(true)} data-testid="suggest-criteria">Suggest criteria</button>
        <Link to={`/review/${encoded}`}>review {task}</Link>
        <Link to={`/traces?task=${encoded}`}>its spans</Link>
      </header>
      {graded.data?.data.length === 0 ? (
        <div className="notice" data-testid="no-graded-items">
          No item of {task} is graded yet, so no check can be aligned: alignment compares a check with what reviewers decided.{' '}
          <Link to={`/review/${encoded}`}>Review a few items</Link> of the daily sample first (keys <kbd>p</kbd> and <kbd>f</kbd>).
        </div>
      ) : null}
      {suggesting ? <SuggestPanel task={task} onAccepted={reload} onClose={() => setSuggesting(false)} /> : null}
      <h2>Criteria</h2>
      <ModesToPromote modes={modes.data.data} criteria={live} onMade={reload} />
      {live.length === 0 ? (
        <EmptyState title={`No criteria for ${task} yet`}>
          A criterion is what is judged about the outputs (named and versioned); its checks are how. Make one from a failure mode above, let the model suggest some,
          or press <kbd>c</kbd> on a failed item of the review screen.
        </EmptyState>
      ) : (
        live.map((criterion) => (
          <CriterionCard
            key={criterion.id}
            criterion={criterion}
            checks={allChecks.filter((check) => check.criterionId === criterion.id)}
            types={types}
            modes={modes.data?.data ?? []}
            reviewed={reviewed}
            onChanged={reload}
            onNewCheck={(chosen) => setComposer({ criterionId: chosen.id })}
          />
        ))
      )}
      <ArchivedCriteria criteria={criteria.data.data.filter((criterion) => criterion.archived)} onChanged={reload} />
      <UnattachedChecks checks={unattached} reviewed={reviewed} onChanged={reload} />
      <OnlineRuleEditor key={round} task={task} checks={allChecks} />
      <RunReportPanel task={task} />
      {composer ? (
        <MakeCheckPanel task={task} drafts={[]} {...(composer.criterionId ? { criterionId: composer.criterionId } : {})} onClose={() => setComposer(null)} onSaved={reload} />
      ) : null}
    </section>
  );
}
