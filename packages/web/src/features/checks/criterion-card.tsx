import type { AssertionTypeInfo, Check, Criterion, CriterionAlignment, CriterionVersion, FailureMode } from '@genchi/spec';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { formatAgo, formatTime } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { CheckTable, type AlignmentCell } from './check-table.js';
import { reviewItemPath, type ReviewedItems } from './checks-api.js';

function Versions({ criterion }: { criterion: Criterion }) {
  const versions = useApi<{ data: CriterionVersion[] }>(`/v1/checks/criteria/${criterion.id}/versions`);
  if (versions.error) return <p className="negative">{versions.error.message}</p>;
  return (
    <ol className="versions" data-testid="criterion-versions">
      {(versions.data?.data ?? []).map((version) => (
        <li key={version.version}>
          <strong>v{version.version}</strong> {version.name} <span className="muted small">{formatTime(version.createdAt)}</span>
          <div className="muted">{version.definition || '(no definition)'}</div>
        </li>
      ))}
    </ol>
  );
}

function DefinitionEditor({ criterion, onSaved, onCancel }: { criterion: Criterion; onSaved(): void; onCancel(): void }) {
  const [name, setName] = useState(criterion.name);
  const [definition, setDefinition] = useState(criterion.definition);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async () => {
    try {
      await api(`/v1/checks/criteria/${criterion.id}`, { method: 'PATCH', body: { name, definition } });
      onSaved();
    } catch (failure) {
      setProblem((failure as Error).message);
    }
  };
  return (
    <div className="form definition-editor">
      <label className="field">name<input value={name} maxLength={120} onChange={(event) => setName(event.target.value)} /></label>
      <label className="field">
        definition
        <textarea rows={3} value={definition} aria-label={`definition of ${criterion.name}`} onChange={(event) => setDefinition(event.target.value)} />
      </label>
      <p className="muted small">A new name or definition makes version {criterion.version + 1}; items graded before it are listed for grading again.</p>
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={name.trim() === ''}>Save as v{criterion.version + 1}</button>
        <button type="button" onClick={onCancel}>Cancel</button>
      </div>
      {problem ? <p className="field-problem">{problem}</p> : null}
    </div>
  );
}

function RegradeList({ task, regrade, reviewed }: { task: string; regrade: CriterionAlignment['regrade']; reviewed: ReviewedItems }) {
  const [all, setAll] = useState(false);
  if (regrade.length === 0) return null;
  const shown = all ? regrade : regrade.slice(0, 8);
  return (
    <div className="regrade" data-testid="regrade">
      <strong>{regrade.length} {regrade.length === 1 ? 'item was' : 'items were'} graded under an older version: grade {regrade.length === 1 ? 'it' : 'them'} again.</strong>
      <ul className="plain">
        {shown.map((entry) => (
          <li key={entry.itemId}>
            <Link to={reviewItemPath(task, entry.itemId, reviewed.get(entry.itemId)?.day)}>{reviewed.get(entry.itemId)?.input || `item ${entry.itemId}`}</Link>
            <span className="muted small"> · graded under v{entry.gradedUnderVersion}, {formatAgo(entry.reviewedAt)}</span>
          </li>
        ))}
      </ul>
      {regrade.length > shown.length ? <button type="button" className="link" onClick={() => setAll(true)}>show all {regrade.length}</button> : null}
    </div>
  );
}

/**
 * One criterion: its definition (editing it makes a new version and lists what to grade again), its
 * versions, and its candidate checks ranked by alignment with the best one marked. Alignment runs at
 * once for code checks; with a judge among them, when asked (it calls the model on every graded item).
 */
export function CriterionCard(props: { criterion: Criterion; checks: Check[]; types: AssertionTypeInfo[]; modes: FailureMode[]; reviewed: ReviewedItems; onChanged(): void; onNewCheck(criterion: Criterion): void }) {
  const { criterion, checks, types, modes, reviewed, onChanged, onNewCheck } = props;
  const needsModel = checks.some((check) => types.find((type) => type.id === check.assertion.type)?.needsModel);
  const [asked, setAsked] = useState(false);
  const [editing, setEditing] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const load = checks.length > 0 && (!needsModel || asked);
  const alignment = useApi<CriterionAlignment>(load ? `/v1/checks/criteria/${criterion.id}/alignment` : null);
  // Measured again when the criterion's version or the set of its checks (and their versions) changes.
  const measuredKey = `${criterion.version}|${checks.map((check) => `${check.id}:${check.version}`).join(',')}`;
  const measured = useRef(measuredKey);
  const { reload } = alignment;
  useEffect(() => {
    if (measured.current === measuredKey) return;
    measured.current = measuredKey;
    if (load) reload();
  }, [measuredKey, load, reload]);
  const mode = modes.find((entry) => entry.id === criterion.failureModeId);
  const archive = async () => {
    if (!window.confirm(`Archive the criterion “${criterion.name}”? Its checks stay (and keep running while enabled); it can be restored.`)) return;
    await api(`/v1/checks/criteria/${criterion.id}`, { method: 'PATCH', body: { archived: true } }).then(onChanged, (failure: Error) => window.alert(failure.message));
  };
  const cells = new Map<string, AlignmentCell>();
  for (const check of checks) {
    const candidate = alignment.data?.candidates.find((entry) => entry.check.id === check.id);
    cells.set(check.id, candidate ? { report: candidate.alignment } : alignment.error ? { error: alignment.error.message } : load ? { loading: true } : { ask: () => setAsked(true) });
  }
  const measuredAlignment = alignment.data;
  const ranked = measuredAlignment ? [...checks].sort((a, b) => rank(measuredAlignment, a) - rank(measuredAlignment, b)) : checks;
  return (
    <section className="panel criterion" data-testid="criterion" data-criterion={criterion.id}>
      <header className="criterion-head">
        <h3 className="criterion-name">{criterion.name}</h3>
        <span className="badge">v{criterion.version}</span>
        {mode ? <span className="tag" title="its human labels are the items tagged with this failure mode">failure mode: {mode.name}</span> : null}
        <span className="spacer" />
        <button type="button" className="link" onClick={() => setEditing(!editing)}>edit definition</button>
        <button type="button" className="link" onClick={() => setShowVersions(!showVersions)} aria-expanded={showVersions}>versions</button>
        <button type="button" className="link" onClick={() => onNewCheck(criterion)}>new check for it</button>
        <button type="button" className="link" onClick={() => void archive()}>archive</button>
      </header>
      {editing ? (
        <DefinitionEditor criterion={criterion} onCancel={() => setEditing(false)} onSaved={() => { setEditing(false); onChanged(); }} />
      ) : (
        <p className="definition">{criterion.definition || <span className="muted">No definition yet: say what a good output must satisfy.</span>}</p>
      )}
      {showVersions ? <Versions key={criterion.version} criterion={criterion} /> : null}
      {alignment.data ? <RegradeList task={criterion.task} regrade={alignment.data.regrade} reviewed={reviewed} /> : null}
      {checks.length === 0 ? (
        <p className="muted">
          No check implements it yet. <button type="button" className="link" onClick={() => onNewCheck(criterion)}>Make one</button> or make one from a failed item on the review screen (key <kbd>c</kbd>).
        </p>
      ) : (
        <CheckTable checks={ranked} types={types} alignments={cells} bestCheckId={alignment.data?.bestCheckId ?? null} reviewed={reviewed} onChanged={onChanged} />
      )}
    </section>
  );
}

function rank(alignment: CriterionAlignment, check: Check): number {
  const index = alignment.candidates.findIndex((entry) => entry.check.id === check.id);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}
