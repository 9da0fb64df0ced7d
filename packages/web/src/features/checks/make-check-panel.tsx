import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from '../../app/router.js';
import { ErrorState, Loading } from '../../components/states.js';
import { AlignmentView } from './alignment-view.js';
import type { CheckDraft } from './check-draft.js';
import { CheckEditor } from './check-editor.js';
import { useAssertionTypes, useReviewedItems } from './checks-api.js';
import { labelSource } from './criterion-choice.js';
import { CriterionPicker } from './criterion-picker.js';
import { useCheckComposer, type SavedCheck } from './use-check-composer.js';
import './checks.css';

const isTextField = (target: EventTarget | null) => target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');

/** Keys of the form, wherever the focus is: Ctrl+Enter previews, Ctrl+S saves, Esc leaves a field and then closes. */
function useComposerKeys(actions: { preview(): void; save(): void; close(): void }) {
  const latest = useRef(actions);
  latest.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const modified = event.ctrlKey || event.metaKey;
      if (modified && event.key === 'Enter') latest.current.preview();
      else if (modified && event.key.toLowerCase() === 's') latest.current.save();
      else if (event.key === 'Escape') {
        if (isTextField(event.target)) (event.target as HTMLElement).blur();
        else latest.current.close();
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function SavedNote({ task, saved, onClose }: { task: string; saved: SavedCheck; onClose(): void }) {
  const { check, criterion, online } = saved;
  return (
    <div className="saved-note" role="status" data-testid="check-saved">
      <strong>Saved “{check.name}”</strong> (v{check.version}){criterion ? <> for the criterion “{criterion.name}” v{criterion.version}</> : null}.
      <p>
        {online
          ? `It runs online on new ${online.environment ?? 'any-environment'} ${online.kind} spans of ${task} (${Math.round(online.samplingRate * 100)}% sampled${online.feedReview ? ', failures feed the review sample' : ''}).`
          : check.enabled
            ? 'It does not run online; the checks page turns that on. genchi check runs it over stored spans.'
            : 'It is saved disabled, as a candidate: its alignment is measured, but it runs neither online nor in genchi check until enabled.'}
      </p>
      <div className="row">
        <button type="button" className="primary" autoFocus onClick={onClose}>Close <kbd>Esc</kbd></button>
        <Link className="button" to={`/checks/${encodeURIComponent(task)}`}>Open the checks of {task}</Link>
      </div>
    </div>
  );
}

/**
 * "Make a check": a form prefilled from what the reviewer looked at (offered as drafts), the
 * criterion it implements, a preview of its alignment with every graded item of the task, and save
 * (optionally running it online from then on). Shown over the page; Esc closes it.
 */
export function MakeCheckPanel(props: { task: string; drafts: CheckDraft[]; criterionId?: string; source?: ReactNode; newTab?: boolean; onClose(): void; onSaved?(): void }) {
  const { task, drafts, criterionId, source, newTab = false, onClose, onSaved } = props;
  const { types, error: typesError } = useAssertionTypes();
  const composer = useCheckComposer(task, drafts, types, criterionId);
  const reviewed = useReviewedItems(task);
  useComposerKeys({ preview: () => void composer.runPreview(), save: () => void composer.save(), close: onClose });
  const latestOnSaved = useRef(onSaved);
  latestOnSaved.current = onSaved;
  useEffect(() => {
    if (composer.saved) latestOnSaved.current?.();
  }, [composer.saved]);
  const previewRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (composer.preview) previewRef.current?.scrollIntoView({ block: 'start' });
  }, [composer.preview]);
  const failure = typesError ?? composer.loadError;
  const { preview, form, pick } = composer;
  return (
    <div className="drawer-backdrop">
      <aside className="drawer" role="dialog" aria-modal="true" aria-label="make a check" data-testid="make-check">
        <header className="drawer-head">
          <div>
            <h2>Make a check</h2>
            {source ? <div className="muted small">{source}</div> : null}
          </div>
          <button type="button" onClick={onClose} aria-label="close">✕</button>
        </header>
        {failure ? <ErrorState error={failure} title="The form could not load" /> : null}
        {!failure && (types === undefined || !composer.ready || pick === null) ? <Loading label="Loading the assertion types…" /> : null}
        {composer.saved ? <SavedNote task={task} saved={composer.saved} onClose={onClose} /> : null}
        {!failure && types !== undefined && pick !== null && composer.saved === null ? (
          <>
            {drafts.length > 0 ? (
              <div className="drafts" role="group" aria-label="start from">
                <span className="muted small">start from</span>
                {drafts.map((draft) => (
                  <button key={draft.id} type="button" className={`chip${composer.draftId === draft.id ? ' active' : ''}`} onClick={() => composer.chooseDraft(draft)} data-draft={draft.id}>
                    {draft.label}
                  </button>
                ))}
              </div>
            ) : null}
            <CriterionPicker options={composer.options} pick={pick} grades={labelSource(composer.choice, composer.criteria, composer.modes)} onChange={composer.setPick} />
            <CheckEditor types={types} form={form} update={composer.setForm} />
            <div className="drawer-actions">
              <button type="button" autoFocus onClick={() => void composer.runPreview()} disabled={composer.busy !== null || composer.problems.length > 0} data-testid="preview-check">
                {composer.busy === 'preview' ? 'Running on the graded items…' : 'Preview alignment'} <kbd>Ctrl ↵</kbd>
              </button>
              <button type="button" className="primary" onClick={() => void composer.save()} disabled={composer.busy !== null || composer.problems.length > 0} data-testid="save-check">
                {composer.busy === 'save' ? 'Saving…' : 'Save'} <kbd>Ctrl S</kbd>
              </button>
              <label className="inline">
                <input type="checkbox" checked={composer.online} onChange={(event) => composer.setOnline(event.target.checked)} data-testid="run-online" />
                {composer.plan.label}
              </label>
            </div>
            {composer.problems.length > 0 ? <p className="muted small" data-testid="check-problems">To preview or save: {composer.problems.join(' · ')}</p> : null}
            {composer.message ? <p className="notice" role="status">{composer.message}</p> : null}
            {preview ? (
              <section className="preview" data-testid="check-preview" ref={previewRef}>
                <h3>Alignment with the {preview.result.items.length} graded items of {task}</h3>
                <AlignmentView key={preview.round} task={task} report={preview.result.alignment} items={preview.result.items} reviewed={reviewed} newTab={newTab} grades={preview.grades} />
              </section>
            ) : (
              <p className="muted small">Preview runs the check on every graded item of {task} and compares it with the reviewers’ verdicts, before anything is saved.</p>
            )}
          </>
        ) : null}
      </aside>
    </div>
  );
}
