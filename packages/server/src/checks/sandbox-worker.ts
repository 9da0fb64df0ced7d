import { createContext, Script } from 'node:vm';
import { parentPort } from 'node:worker_threads';

/** A request to run custom assertion code. */
export interface SandboxRequest {
  id: number;
  source: string;
  form: 'expression' | 'module';
  subjectJson: string;
  timeoutMs: number;
}

/** The sandbox's answer: the returned value as JSON (undefined when it returned undefined), or an error message. */
export type SandboxReply = { id: number; ok: true; json: string | undefined } | { id: number; ok: false; error: string };

/**
 * Wraps user code so that it runs on data built inside its own context: the subject arrives as a
 * JSON string and is parsed there, and the result leaves as JSON made there, so no object of this
 * thread's realm (whose constructors lead to `process`) is ever reachable from the code.
 */
function wrap(source: string, form: 'expression' | 'module'): string {
  const prelude = `const subject = JSON.parse(globalThis.__subject); delete globalThis.__subject;
const { input, output, inputText, outputText, outputJson, expected, latencyMs, costUsd, outputTokens, model, metadata, spanId, task } = subject;`;
  const body =
    form === 'expression'
      ? `return (${source}\n);`
      : `const module = { exports: {} }; const exports = module.exports;
${source.replace(/\bexport\s+default\s+/, 'module.exports.default = ')}
const run = typeof module.exports === 'function' ? module.exports : module.exports.default;
if (typeof run !== 'function') throw new Error('the module exports no function (write: export default function (subject) { … })');
return run(subject);`;
  return `(async () => { ${prelude}\n${body}\n })().then((value) => value === undefined ? undefined : JSON.stringify(value))`;
}

async function runRequest(request: SandboxRequest): Promise<SandboxReply> {
  try {
    const context = createContext({ __subject: request.subjectJson }, { codeGeneration: { strings: false, wasm: false } });
    const script = new Script(wrap(request.source, request.form), { filename: 'custom-assertion.js' });
    const pending = script.runInContext(context, { timeout: request.timeoutMs, breakOnSigint: false }) as Promise<string | undefined>;
    const json = await pending;
    return { id: request.id, ok: true, json: typeof json === 'string' ? json : undefined };
  } catch (error) {
    const message = error !== null && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error);
    return { id: request.id, ok: false, error: message.slice(0, 2000) };
  }
}

parentPort?.on('message', (request: SandboxRequest) => {
  void runRequest(request).then((reply) => parentPort?.postMessage(reply));
});
// Runs are timed from here on, not from the thread's start.
parentPort?.postMessage({ ready: true });
