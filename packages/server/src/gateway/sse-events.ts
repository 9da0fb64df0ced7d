/**
 * The `data` payloads of a server-sent event stream, in order (multi-line data joined by newlines,
 * comments and other fields skipped), and whether the stream ended on an event boundary.
 */
export function sseDataPayloads(text: string): { payloads: string[]; complete: boolean } {
  const payloads: string[] = [];
  let data: string | null = null;
  let position = 0;
  while (position < text.length) {
    let end = text.indexOf('\n', position);
    if (end === -1) end = text.length;
    let line = text.slice(position, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    position = end + 1;
    if (line === '') {
      if (data !== null) payloads.push(data);
      data = null;
    } else if (line.startsWith('data:')) {
      const value = line.charCodeAt(5) === 0x20 ? line.slice(6) : line.slice(5);
      data = data === null ? value : `${data}\n${value}`;
    }
  }
  if (data !== null) payloads.push(data);
  return { payloads, complete: data === null && /\n\r?\n$/.test(text) };
}
