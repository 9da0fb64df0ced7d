import { Fragment, type ReactNode } from 'react';

const tokenPattern = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Pretty JSON text with keys, strings, numbers and literals marked for colour. */
function highlight(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(tokenPattern)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    const [whole, string, colon, literal, number] = match;
    if (string !== undefined) {
      parts.push(
        <span key={index} className={colon ? 'json-key' : 'json-string'}>
          {string}
        </span>,
      );
      if (colon) parts.push(colon);
    } else if (literal !== undefined) parts.push(<span key={index} className="json-literal">{literal}</span>);
    else if (number !== undefined) parts.push(<span key={index} className="json-number">{number}</span>);
    else parts.push(whole);
    last = index + whole.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** A value as pretty JSON (a string that holds JSON is shown parsed), or the text itself. */
export function JsonView({ value, className }: { value: unknown; className?: string }) {
  let shown = value;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if ((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']'))) {
      try {
        shown = JSON.parse(trimmed) as unknown;
      } catch {
        shown = value;
      }
    }
  }
  if (typeof shown === 'string') return <pre className={`text-block ${className ?? ''}`}>{shown}</pre>;
  const text = JSON.stringify(shown, null, 2) ?? 'undefined';
  return (
    <pre className={`json ${className ?? ''}`}>
      <Fragment>{highlight(text)}</Fragment>
    </pre>
  );
}
