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
    const texts = value.map((item) => (isMessageLike(item) ? contentText(item.content) : bodyText(item)));
    return texts.filter((text) => text !== '').join('\n');
  }
  if (isMessageLike(value)) return contentText(value.content);
  return JSON.stringify(value) ?? '';
}

function isMessageLike(value: unknown): value is { content: unknown } {
  return value !== null && typeof value === 'object' && 'content' in value;
}

/** The last message's text of an input (what the user asked), or the whole text for other bodies. */
export function lastMessageText(value: unknown): string {
  if (Array.isArray(value) && value.length > 0) return bodyText([value[value.length - 1]]);
  return bodyText(value);
}

/** A one-line preview of a body, at most `max` characters. */
export function previewText(value: unknown, max = 160): string {
  const text = (Array.isArray(value) ? lastMessageText(value) : bodyText(value)).replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
