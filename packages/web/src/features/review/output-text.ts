/** A text that holds a JSON object or array, pretty-printed (so a correction of it diffs line by line); other text as it is. */
export function prettyIfJson(text: string): string {
  const trimmed = text.trim();
  if (!((trimmed.startsWith('{') && trimmed.endsWith('}')) || (trimmed.startsWith('[') && trimmed.endsWith(']')))) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

/** The text of a message content: a string, or the `text` of its parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (typeof part === 'string' ? part : part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
      .filter((text) => text !== '')
      .join('\n');
  }
  return '';
}

const isMessage = (value: unknown): value is { role: string; content?: unknown; toolCalls?: unknown } =>
  value !== null && typeof value === 'object' && typeof (value as { role?: unknown }).role === 'string';

/**
 * The text a reviewer corrects for a span's output: the assistant's words for chat messages, the
 * string itself, tool calls or any other value as pretty JSON (what a correction of it looks like).
 */
export function outputText(output: unknown, toolCalls: unknown[] = []): string {
  if (output === undefined || output === null) return toolCalls.length > 0 ? JSON.stringify(toolCalls, null, 2) : '';
  if (typeof output === 'string') return prettyIfJson(output);
  const messages = Array.isArray(output) && output.length > 0 && output.every(isMessage) ? output : isMessage(output) ? [output] : null;
  if (messages !== null) {
    const texts = messages.map((message) => contentText(message.content)).filter((text) => text !== '');
    if (texts.length > 0) return prettyIfJson(texts.join('\n\n'));
    const calls = messages.flatMap((message) => (Array.isArray(message.toolCalls) ? message.toolCalls : []));
    if (calls.length > 0) return JSON.stringify(calls, null, 2);
  }
  return JSON.stringify(output, null, 2);
}
