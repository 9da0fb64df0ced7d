import { StringDecoder } from 'node:string_decoder';

const usageNull = /,\s*"usage"\s*:\s*null(?=\s*[,}])|"usage"\s*:\s*null\s*,\s*/g;
const emptyChoices = /"choices"\s*:\s*\[\s*\]/;
const usageObject = /"usage"\s*:\s*\{/;

/** Finds the end of the next event (after its blank line) from `from`, or -1. */
function eventEnd(text: string, from: number): number {
  const lf = text.indexOf('\n\n', from);
  const crlf = text.indexOf('\r\n\r\n', from);
  if (lf === -1) return crlf === -1 ? -1 : crlf + 4;
  return crlf === -1 || lf < crlf ? lf + 2 : crlf + 4;
}

/** One event as the caller would have seen it had genchi not asked for usage; '' drops it. */
export function withoutInjectedUsage(event: string): string {
  if (!event.includes('"usage"')) return event;
  if (usageObject.test(event)) {
    if (emptyChoices.test(event)) return '';
    // A provider that puts usage on its last content chunk: take the field out of that chunk alone.
    const start = event.indexOf('data:');
    const end = event.search(/\r?\n\r?\n$/);
    const json = event.slice(start + 5, end).trim();
    try {
      const chunk = JSON.parse(json) as Record<string, unknown>;
      delete chunk.usage;
      return `${event.slice(0, start)}data: ${JSON.stringify(chunk)}${event.slice(end)}`;
    } catch {
      return event;
    }
  }
  return event.replace(usageNull, '');
}

/**
 * Takes out of a chat completion stream what genchi's own `stream_options.include_usage` added
 * (`"usage":null` on each chunk and the final usage-only chunk), so that the caller receives what
 * it would have received without genchi. Events are passed on whole as soon as they are complete.
 */
export class InjectedUsageFilter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  /** The bytes to send for an upstream chunk (possibly empty while an event is incomplete). */
  push(chunk: Buffer): Buffer {
    const text = this.pending + this.decoder.write(chunk);
    let out = '';
    let start = 0;
    for (let end = eventEnd(text, 0); end !== -1; end = eventEnd(text, start)) {
      out += withoutInjectedUsage(text.slice(start, end));
      start = end;
    }
    this.pending = text.slice(start);
    return Buffer.from(out, 'utf8');
  }

  /** What remains at the end of the stream (an unterminated last event is passed on as it is). */
  flush(): Buffer {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    return Buffer.from(rest.includes('"usage"') ? withoutInjectedUsage(rest) : rest, 'utf8');
  }
}
