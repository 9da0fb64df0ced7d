import type { SpanKind, SpanStatus, ToolCall, UsageInput } from '@genchi/spec';
import type { CallContext } from '../context/call-context.js';

/**
 * A span while it is being recorded: plain fields filled in on the caller's path by reference
 * (nothing is serialised or deep-copied there); the exporter turns it into the wire body later.
 */
export interface SpanDraft {
  id: string;
  traceId: string;
  parentId: string | null;
  kind: SpanKind;
  name: string;
  /** Epoch milliseconds, with sub-millisecond precision. */
  startTime: number;
  endTime?: number;
  ttftMs?: number;
  context: CallContext;
  provider?: string;
  model?: string;
  resolvedModel?: string;
  params?: Record<string, unknown>;
  input?: unknown;
  output?: unknown;
  toolCalls?: ToolCall[];
  usage?: UsageInput;
  status?: SpanStatus;
  error?: { type?: string; message: string };
  attributes?: Record<string, unknown>;
  /** Tags and metadata a span adds to those of its context. */
  extra?: CallContext;
  ended: boolean;
}

/** Now, in epoch milliseconds with sub-millisecond precision (monotonic within the process). */
export function preciseNow(): number {
  return performance.timeOrigin + performance.now();
}

/** An error as a span records it: its type (class or API error type) and message. */
export function describeError(error: unknown): { type?: string; message: string } {
  if (error instanceof Error) {
    const apiType = (error as { type?: unknown }).type;
    const status = (error as { status?: unknown }).status;
    const type = typeof apiType === 'string' ? apiType : error.name;
    return { type: typeof status === 'number' ? `${type} (${status})` : type, message: error.message.slice(0, 20_000) };
  }
  return { message: String(error).slice(0, 20_000) };
}
