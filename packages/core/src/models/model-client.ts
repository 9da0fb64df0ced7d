/** One message sent to a model. */
export interface ModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** A request to a model that genchi itself makes (judges, suggestions, experiments). */
export interface ModelRequest {
  /** A model reference: `provider/model`, or a bare name when one provider is configured. */
  model: string;
  messages: ModelMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object answer (OpenAI's `response_format: json_object`). */
  json?: boolean;
  seed?: number;
  /** What the call is for (check id, judged span, task…), carried to the span that logs it. */
  purpose?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
}

/** A model's answer. */
export interface ModelResponse {
  text: string;
  /** The model version that answered, as the provider named it. */
  model: string;
  provider: string;
  usage: { inputTokens: number | null; outputTokens: number | null };
  latencyMs: number;
}

/** The one interface through which genchi calls models; the server implements it over OpenAI-compatible endpoints. */
export interface ModelClient {
  /** Sends one chat request; rejects with {@link ModelCallError} when no answer came. */
  complete(request: ModelRequest): Promise<ModelResponse>;
}

/** A model call that brought no answer; `retryable` says whether trying again may help (connection, 429, 5xx, timeout). */
export class ModelCallError extends Error {
  override readonly name = 'ModelCallError';
  constructor(message: string, readonly retryable: boolean, readonly status: number | null = null) {
    super(message);
  }
}
