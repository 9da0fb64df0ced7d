/** Joins the text found in a message content: a string, or OpenAI/Anthropic-style parts with `text`. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map(contentText).filter((part) => part !== '').join('\n');
  if (content !== null && typeof content === 'object') {
    const part = content as Record<string, unknown>;
    if (typeof part.text === 'string') return part.text;
    if (typeof part.content === 'string' || Array.isArray(part.content)) return contentText(part.content);
    if (typeof part.refusal === 'string') return part.refusal;
  }
  return '';
}

/**
 * The plain text of a span's input or output: the contents of chat messages joined by newlines,
 * a string as it is, or JSON for anything else.
 */
export function bodyText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    let text = '';
    for (const item of value) {
      const part = itemText(item);
      if (part !== '') text = text === '' ? part : `${text}\n${part}`;
    }
    return text;
  }
  if (isMessageLike(value)) return contentText(value.content);
  return JSON.stringify(value) ?? '';
}

/** The text of one item of a list body: a message's content, or the item's own text. */
const itemText = (item: unknown): string => (isMessageLike(item) ? contentText(item.content) : bodyText(item));

function isMessageLike(value: unknown): value is { content: unknown } {
  return value !== null && typeof value === 'object' && 'content' in value;
}

/** The last message's text of an input (what the user asked), or the whole text for other bodies. */
export function lastMessageText(value: unknown): string {
  if (Array.isArray(value) && value.length > 0) return itemText(value[value.length - 1]);
  return bodyText(value);
}

const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 0xa0;

/** Whether the first `count` characters hold no whitespace but single spaces between words (most texts' openings). */
function spacedSingly(text: string, count: number): boolean {
  for (let index = 0; index < count; index++) {
    const code = text.charCodeAt(index);
    if (!isSpace(code)) continue;
    if (code !== 32 || index === 0 || index + 1 >= text.length || isSpace(text.charCodeAt(index + 1))) return false;
  }
  return true;
}

/** The first `max` characters of a text on one line: runs of whitespace become one space, ends trimmed. */
export function oneLine(text: string, max: number): string {
  // Nothing to collapse in what is shown: the text itself, or its first max - 1 characters and an ellipsis.
  if (text.length <= max && spacedSingly(text, text.length)) return text;
  if (text.length > max && spacedSingly(text, max + 1)) return `${text.slice(0, max - 1)}…`;
  let line = '';
  let index = 0;
  while (index < text.length && line.length < max) {
    while (index < text.length && isSpace(text.charCodeAt(index))) index++;
    const start = index;
    while (index < text.length && !isSpace(text.charCodeAt(index))) index++;
    if (index === start) break;
    line += (line === '' ? '' : ' ') + text.slice(start, index);
  }
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  if (line.length <= max && index >= text.length) return line;
  return `${line.slice(0, max - 1)}…`;
}

/** A one-line preview of a body, at most `max` characters (the last message of a conversation). */
export function previewText(value: unknown, max = 160): string {
  return oneLine(Array.isArray(value) ? lastMessageText(value) : bodyText(value), max);
}
