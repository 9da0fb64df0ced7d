import type { FailureMode, ReviewQueue } from '@genchi/spec';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/use-api.js';
import { Link, navigate, useLocation } from '../../app/router.js';
import { EmptyState, ErrorState, Loading } from '../../components/states.js';
import { nextWaiting, toggleModeChange, verdictChange } from './review-changes.js';
import { ReviewItemView, type Editing } from './review-item-view.js';
import type { ReviewAction } from './review-keymap.js';
import { HelpOverlay, ItemList, VerdictBar } from './review-screen-parts.js';
import { useReviewKeys } from './use-review-keys.js';
import { useReviewerName } from './reviewer-name.js';
import { FailureModeBar } from './failure-mode-bar.js';
import { useReviewSession } from './use-review-session.js';
import { MakeCheckFromItem } from '../checks/lazy-checks.js';
import { itemOutputSelector, selectedTextWithin } from '../checks/output-selection.js';

interface QueuesAnswer {
  onCall: { reviewer: string | null };
  data: ReviewQueue[];
}

/** The keyboard-first review screen of one task's day: every action is saved at once and survives a reload. */
export function ReviewScreen({ task }: { task: string }) {
  const { search } = useLocation();
  const queues = useApi<QueuesAnswer>('/v1/review/queues');
  const queue = queues.data?.data.find((entry) => entry.task === task);
  const day = search.get('day') ?? queue?.latestDay ?? null;
  const [reviewer, setReviewer] = useReviewerName(queue?.today.assignedTo ?? queues.data?.onCall.reviewer ?? null);
  const session = useReviewSession(task, day, reviewer);
  const items = session.items ?? [];
  const requested = search.get('item');
  const [selected, setSelected] = useState(-1);
  const [editing, setEditing] = useState<Editing>(null);
  const [adding, setAdding] = useState(false);
  const [help, setHelp] = useState(false);
  // The "make a check" form, with the output text selected when it opened; review keys wait while it is open.
  const [makingCheck, setMakingCheck] = useState<{ selection: string } | null>(null);

  useEffect(() => {
    if (session.items === undefined || selected >= 0) return;
    const index = session.items.findIndex((item) => item.id === requested);
    setSelected(index >= 0 ? index : nextWaiting(session.items, 0));
  }, [session.items, requested, selected]);
  const item = items[selected];
  useEffect(() => {
    if (item === undefined) return;
    session.ensureDetail(item.id);
    const next = items[selected + 1];
    if (next) session.ensureDetail(next.id);
    if (requested !== item.id) navigate(`/review/${encodeURIComponent(task)}?day=${item.day}&item=${item.id}`, { replace: true });
  }, [item, items, selected, requested, session, task]);

  const activeModes = session.modes.filter((mode) => !mode.archived);
  const select = useCallback((index: number) => {
    setEditing(null);
    setAdding(false);
    setSelected(Math.max(0, Math.min(index, items.length - 1)));
  }, [items.length]);
  const toggle = useCallback((mode: FailureMode) => item && void session.apply(item, toggleModeChange(item, mode.id)), [item, session]);

  const perform = useCallback(
    async (action: ReviewAction) => {
      if (makingCheck !== null) return;
      if (action.type === 'help') return setHelp((shown) => !shown);
      if (action.type === 'undo') {
        const restored = await session.undo(item?.id ?? null);
        const index = items.findIndex((entry) => entry.id === restored);
        if (index >= 0) setSelected(index);
        return;
      }
      if (item === undefined) return;
      if (action.type === 'next') return select(selected + 1);
      if (action.type === 'previous') return select(selected - 1);
      if (action.type === 'verdict') return void session.apply(item, verdictChange(item, action.verdict));
      if (action.type === 'toggle-mode') {
        const mode = activeModes[action.index];
        return mode ? toggle(mode) : session.setNotice(`There is no failure mode ${action.index + 1}; press a to add one.`);
      }
      if (action.type === 'edit-correction') return setEditing('correction');
      if (action.type === 'edit-note') return setEditing('note');
      if (action.type === 'add-mode') return setAdding(true);
      if (action.type === 'make-check') return setMakingCheck({ selection: selectedTextWithin(itemOutputSelector) });
    },
    [activeModes, item, items, makingCheck, select, selected, session, toggle],
  );

  useReviewKeys(perform);

  if (queues.error) return <ErrorState error={queues.error} retry={queues.reload} />;
  if (session.error) return <ErrorState error={session.error} retry={session.reload} />;
  if (queues.data === undefined) return <Loading label="Loading the queue…" />;
  if (day === null) {
    return (
      <section className="page">
        <EmptyState title={`Nothing has been drawn for ${task} yet`} action={<Link className="button" to="/review">Back to the queues</Link>}>
          The daily sample fills this queue each morning; an admin can draw yesterday's sample now from the review page.
        </EmptyState>
      </section>
    );
  }
  if (session.items === undefined) return <Loading label="Loading items…" />;
  const reviewed = items.filter((entry) => entry.verdict !== null).length;
  return (
    <section className="page review-screen" data-testid="review-screen">
      <header className="page-head">
        <h1>
          <Link to="/review">Review</Link> / {task}
        </h1>
        <span className="muted">day {day}</span>
        <span className="progress-label" data-testid="review-progress">{reviewed} of {items.length} reviewed</span>
        <progress max={Math.max(1, items.length)} value={reviewed} />
        <label className="inline">
          reviewing as
          <input defaultValue={reviewer ?? ''} placeholder="your name" onBlur={(event) => event.target.value.trim() && setReviewer(event.target.value.trim())} size={10} />
        </label>
        <span className={`save-state${session.saving ? ' saving' : ''}`}>{session.saving ? 'saving…' : 'saved'}</span>
        <button type="button" className="link" onClick={() => setHelp(true)}>
          <kbd>?</kbd> keys
        </button>
      </header>
      {session.notice ? <div className="notice" role="status">{session.notice}</div> : null}
      {items.length === 0 ? (
        <EmptyState title="This day's sample is empty">No spans of this task matched the rule on {day}.</EmptyState>
      ) : (
        <div className="review-layout">
          <ItemList items={items} selected={selected} onSelect={select} />
          {item ? (
            <div className="review-main">
              <VerdictBar item={item} position={selected} count={items.length} onVerdict={(verdict) => void perform({ type: 'verdict', verdict })}>
                {/* mousedown would clear the text selected in the output before the click reads it */}
                <button type="button" className="make-check-button" onMouseDown={(event) => event.preventDefault()} onClick={() => void perform({ type: 'make-check' })} data-testid="make-check-button">
                  <kbd>c</kbd> make a check
                </button>
              </VerdictBar>
              <FailureModeBar
                modes={activeModes}
                item={item}
                adding={adding}
                onToggle={toggle}
                onStartAdd={() => setAdding(true)}
                onCancelAdd={() => setAdding(false)}
                onAdd={async (name, definition) => {
                  setAdding(false);
                  const mode = await session.addMode(name, definition);
                  if (mode) void session.apply(item, toggleModeChange(item, mode.id));
                }}
              />
              <ReviewItemView item={item} detail={session.details.get(item.id)} editing={editing} onEditDone={() => setEditing(null)} onSave={(change) => void session.apply(item, change)} />
            </div>
          ) : null}
        </div>
      )}
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      {makingCheck && item ? <MakeCheckFromItem task={task} item={item} position={selected} modes={session.modes} selection={makingCheck.selection} onClose={() => setMakingCheck(null)} /> : null}
    </section>
  );
}
