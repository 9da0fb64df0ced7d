import type { ReviewItem } from '@genchi/spec';
import { formatTime } from '../../app/format.js';
import { Link } from '../../app/router.js';
import { Loading } from '../../components/states.js';
import { ChatView } from '../traces/chat-view.js';
import { DiffView } from './diff-view.js';
import { outputText } from './output-text.js';
import { AutosaveText } from './text-editor.js';
import type { ItemDetail } from './use-review-session.js';

/** Which text field of an item is open. */
export type Editing = 'correction' | 'note' | null;

/** One item under review: input and output side by side, the corrected output with its diff, and the note. */
export function ReviewItemView(props: {
  item: ReviewItem;
  detail: ItemDetail | undefined;
  editing: Editing;
  onEditDone(): void;
  onSave(change: { correctedOutput?: string | null; note?: string | null }): void;
}) {
  const { item, detail, editing, onEditDone, onSave } = props;
  const original = detail?.span ? outputText(detail.span.output, detail.span.toolCalls) : item.span.outputPreview;
  return (
    <div className="review-item" data-testid="review-item" data-item={item.id}>
      <div className="item-meta muted">
        <span className="tag">{item.stratum}</span> {item.span.model ?? ''} · {formatTime(item.span.startTime)} ·{' '}
        <Link to={`/traces/${encodeURIComponent(item.spanId)}`}>span {item.spanId}</Link>
        {item.stale ? <span className="stale-note"> · graded under an old failure-mode definition: press f or p to grade again</span> : null}
      </div>
      <div className="side-by-side">
        <section>
          <h3>Input</h3>
          {detail?.span ? <ChatView value={detail.span.input} /> : detail ? <p className="muted">The span is no longer stored.</p> : <Loading />}
        </section>
        <section data-testid="item-output">
          <h3>Output</h3>
          {detail?.span ? <ChatView value={detail.span.output ?? detail.span.toolCalls} /> : detail ? <pre className="text-block">{item.span.outputPreview}</pre> : <Loading />}
          {detail?.span?.error ? <div className="error-box">{detail.span.error.message}</div> : null}
        </section>
      </div>
      <section className="correction">
        <h3>
          Corrected output <kbd>e</kbd>
        </h3>
        {editing === 'correction' ? (
          <AutosaveText
            key={`${item.id}-correction`}
            testId="correction-editor"
            label="corrected output"
            rows={Math.min(16, Math.max(4, original.split('\n').length + 1))}
            value={item.correctedOutput ?? original}
            onSave={(text) => onSave({ correctedOutput: text === original ? null : text })}
            onDone={onEditDone}
          />
        ) : item.correctedOutput !== null ? (
          <DiffView before={original} after={item.correctedOutput} />
        ) : (
          <p className="muted">Press e to write the output it should have been; the difference is highlighted.</p>
        )}
      </section>
      <section className="note">
        <h3>
          Note <kbd>n</kbd>
        </h3>
        {editing === 'note' ? (
          <AutosaveText key={`${item.id}-note`} testId="note-editor" label="note" rows={3} value={item.note ?? ''} onSave={(text) => onSave({ note: text === '' ? null : text })} onDone={onEditDone} />
        ) : item.note ? (
          <p className="note-text" data-testid="note-text">{item.note}</p>
        ) : (
          <p className="muted">Press n to note why it fails.</p>
        )}
      </section>
    </div>
  );
}
