import type { ReviewItem } from '@genchi/spec';
import type { ReactNode } from 'react';
import { reviewKeys } from './review-keymap.js';

/** The day's items, numbered, each with a dot for its verdict (ringed when graded under an old definition). */
export function ItemList({ items, selected, onSelect }: { items: ReviewItem[]; selected: number; onSelect(index: number): void }) {
  return (
    <ol className="item-list" data-testid="item-list">
      {items.map((item, index) => (
        <li key={item.id} className={index === selected ? 'selected' : ''}>
          <button type="button" onClick={() => onSelect(index)}>
            <span className={`dot dot-${item.verdict ?? 'waiting'}${item.stale ? ' dot-stale' : ''}`} aria-label={item.verdict ?? 'waiting'} />
            <span className="truncate">{item.span.inputPreview || item.spanId}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}

/** The keys of the review screen, over the page. */
export function HelpOverlay({ onClose }: { onClose(): void }) {
  return (
    <div className="overlay" role="dialog" aria-label="keyboard shortcuts" onClick={onClose}>
      <div className="overlay-box">
        <h2>Keys</h2>
        <table className="table compact">
          <tbody>
            {reviewKeys.filter((entry) => !/^[2-9]$/.test(entry.key)).map((entry) => (
              <tr key={entry.key}>
                <td><kbd>{entry.key === '1' ? '1–9' : entry.key}</kbd></td>
                <td>{entry.key === '1' ? 'toggle failure mode 1–9' : entry.label}</td>
              </tr>
            ))}
            <tr><td><kbd>Esc</kbd></td><td>leave a text field (it is saved)</td></tr>
          </tbody>
        </table>
      </div>
    </div>
  );
}


/** Pass and fail with their keys, and who graded the item (then any further actions given as children). */
export function VerdictBar({ item, position, count, onVerdict, children }: { item: ReviewItem; position: number; count: number; onVerdict(verdict: 'pass' | 'fail'): void; children?: ReactNode }) {
  return (
    <div className="verdict-bar">
      <span className="muted">item {position + 1} of {count}</span>
      <button type="button" className={`verdict-button pass${item.verdict === 'pass' ? ' on' : ''}`} onClick={() => onVerdict('pass')}>
        <kbd>p</kbd> pass
      </button>
      <button type="button" className={`verdict-button fail${item.verdict === 'fail' ? ' on' : ''}`} onClick={() => onVerdict('fail')}>
        <kbd>f</kbd> fail
      </button>
      <span className="muted">
        <kbd>j</kbd>/<kbd>k</kbd> next/previous · <kbd>u</kbd> undo
      </span>
      {item.reviewedBy ? <span className="muted">graded by {item.reviewedBy}</span> : null}
      {children}
    </div>
  );
}
