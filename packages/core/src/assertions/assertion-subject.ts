import { bodyText } from '../spans/message-text.js';
import type { SpanRecord } from '../spans/span-record.js';

/** The JSON an output holds, or why it holds none. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/** The fields of a span an assertion reads; texts and parsed JSON are computed once, on first use. */
export interface AssertionSubjectFields {
  spanId: string;
  task: string;
  input: unknown;
  output: unknown;
  /** The expected output (a reviewer's correction, a dataset's reference), when there is one. */
  expected?: string | null;
  latencyMs?: number | null;
  costUsd?: number | null;
  outputTokens?: number | null;
  model?: string | null;
  metadata?: Record<string, unknown>;
}

/** What an assertion looks at: one span's input and output, with lazily derived texts shared by every assertion. */
export class AssertionSubject {
  readonly spanId: string;
  readonly task: string;
  readonly input: unknown;
  readonly output: unknown;
  readonly expected: string | null;
  readonly latencyMs: number | null;
  readonly costUsd: number | null;
  readonly outputTokens: number | null;
  readonly model: string | null;
  readonly metadata: Record<string, unknown>;
  private cachedInputText: string | undefined;
  private cachedOutputText: string | undefined;
  private cachedJson: ParsedJson | undefined;

  constructor(fields: AssertionSubjectFields) {
    this.spanId = fields.spanId;
    this.task = fields.task;
    this.input = fields.input;
    this.output = fields.output;
    this.expected = fields.expected ?? null;
    this.latencyMs = fields.latencyMs ?? null;
    this.costUsd = fields.costUsd ?? null;
    this.outputTokens = fields.outputTokens ?? null;
    this.model = fields.model ?? null;
    this.metadata = fields.metadata ?? {};
  }

  /** The input's plain text (message contents joined). */
  get inputText(): string {
    this.cachedInputText ??= bodyText(this.input);
    return this.cachedInputText;
  }

  /** The output's plain text: the assistant's content, or JSON for a structured output. */
  get outputText(): string {
    this.cachedOutputText ??= bodyText(this.output);
    return this.cachedOutputText;
  }

  /** The output parsed as JSON (an output that already is a JSON object or list counts as parsed). */
  get outputJson(): ParsedJson {
    this.cachedJson ??= parseOutputJson(this.output, this.outputText);
    return this.cachedJson;
  }

  /** The plain data of the subject, for code that runs elsewhere (the custom-code sandbox). */
  toPlain(): Record<string, unknown> {
    const json = this.outputJson;
    return {
      spanId: this.spanId, task: this.task, input: this.input, output: this.output, inputText: this.inputText,
      outputText: this.outputText, outputJson: json.ok ? json.value : null, expected: this.expected,
      latencyMs: this.latencyMs, costUsd: this.costUsd, outputTokens: this.outputTokens, model: this.model, metadata: this.metadata,
    };
  }
}

function parseOutputJson(output: unknown, text: string): ParsedJson {
  if (output !== null && typeof output === 'object' && !isMessageList(output)) return { ok: true, value: output };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function isMessageList(value: object): boolean {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return first !== null && typeof first === 'object' && 'content' in first && 'role' in first;
}

/** The subject of a stored span (with an expected output when one is known). */
export function subjectOfSpan(span: SpanRecord, expected: string | null = null): AssertionSubject {
  return new AssertionSubject({
    spanId: span.id, task: span.task, input: span.input, output: span.output, expected, latencyMs: span.latencyMs,
    costUsd: span.costUsd, outputTokens: span.outputTokens, model: span.resolvedModel ?? span.model, metadata: span.metadata,
  });
}
