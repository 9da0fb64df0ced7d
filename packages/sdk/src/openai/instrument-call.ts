import type { CallContext } from '../context/call-context.js';
import type { Tracer } from '../context/tracer.js';
import { GenchiError } from '../genchi-error.js';
import { describeError, type SpanDraft } from '../spans/span-draft.js';
import type { EndpointCapture } from './endpoint-capture.js';
import { observeStream } from './observe-stream.js';

/** What a wrapped client adds to its spans. */
export interface ClientContext {
  context: CallContext | undefined;
  provider: string;
}

type Method = (this: unknown, params: unknown, options: unknown) => unknown;

/** The parts of the openai client's `APIPromise` the SDK uses: `_thenUnwrap` (how the client composes its own helpers) and `asResponse`. */
interface ApiPromise {
  then(onValue: (value: unknown) => void, onError: (error: unknown) => void): unknown;
  _thenUnwrap?: (transform: (value: unknown) => unknown) => ApiPromise;
  asResponse?: () => Promise<{ status: number }>;
  /** Set by the client once something parses the body (read only to tell `withResponse` from a raw read). */
  parsedPromise?: unknown;
}

function fail(tracer: Tracer, span: SpanDraft, error: unknown): void {
  span.status = 'error';
  span.error = describeError(error);
  tracer.finish(span);
}

function onValue(tracer: Tracer, capture: EndpointCapture, span: SpanDraft, streaming: boolean, value: unknown): void {
  try {
    if (value !== null && typeof value === 'object') tracer.remember(value, span);
    if (streaming && capture.stream && value !== null && typeof value === 'object' && observeStream(value, span, capture.stream(), tracer)) return;
    capture.response(value, span);
    tracer.finish(span);
  } catch (error) {
    tracer.report(new GenchiError('instrumentation-failed', `recording ${capture.name} failed: ${(error as Error).message}`, { cause: error }));
    tracer.finish(span);
  }
}

/**
 * Watches the client's answer without reading it twice or reading it for the caller. For the openai
 * client's lazy `APIPromise`, the caller gets a promise derived with `_thenUnwrap` (the same class,
 * the same methods): whoever parses it (the caller, `withResponse`, the client's own helpers such as
 * `parse()`) records the value on the way. Failures are watched through `asResponse()`, which never
 * touches the body; a caller who reads the raw response keeps it unread, and only its status is
 * recorded. Other thenables are followed with `then`.
 */
function observeResult(tracer: Tracer, capture: EndpointCapture, span: SpanDraft, streaming: boolean, result: unknown): unknown {
  if (result === null || typeof result !== 'object' || typeof (result as ApiPromise).then !== 'function') {
    onValue(tracer, capture, span, streaming, result);
    return result;
  }
  const promise = result as ApiPromise;
  if (typeof promise._thenUnwrap !== 'function' || typeof promise.asResponse !== 'function') {
    promise.then(
      (value) => onValue(tracer, capture, span, streaming, value),
      (error) => fail(tracer, span, error),
    );
    return result;
  }
  const derived = promise._thenUnwrap((value) => {
    onValue(tracer, capture, span, streaming, value);
    return value;
  });
  const readResponse = (derived.asResponse as () => Promise<{ status: number }>).bind(derived);
  readResponse().then(undefined, (error: unknown) => fail(tracer, span, error));
  derived.asResponse = function rawResponse() {
    const response = readResponse();
    if (derived.parsedPromise === undefined) {
      response.then((answer) => {
        span.attributes = { ...span.attributes, 'http.status_code': answer.status, 'genchi.body': 'read by the caller' };
        tracer.finish(span);
      }, () => undefined);
    }
    return response;
  };
  return derived;
}

/**
 * One method of a client (e.g. `chat.completions.create`) wrapped in a span: the request is read
 * before the call, the call goes to the original method with the caller's own arguments, and the
 * caller gets the original return value. Any fault of the recording is reported, never thrown.
 */
export function instrumentMethod(tracer: Tracer, capture: EndpointCapture, target: object, original: Method, client: ClientContext): Method {
  return function instrumented(params: unknown, options: unknown): unknown {
    let span: SpanDraft | null = null;
    try {
      span = tracer.start(capture.kind, capture.name, client.context);
      span.provider = client.provider;
      capture.request(params, span);
    } catch (error) {
      tracer.report(new GenchiError('instrumentation-failed', `recording ${capture.name} failed: ${(error as Error).message}`, { cause: error }));
      span = null;
    }
    let result: unknown;
    try {
      result = original.call(target, params, options);
    } catch (error) {
      if (span !== null) fail(tracer, span, error);
      throw error;
    }
    if (span === null) return result;
    try {
      return observeResult(tracer, capture, span, (params as { stream?: unknown } | null)?.stream === true, result);
    } catch (error) {
      tracer.report(error);
      return result;
    }
  };
}
