import { AssertionSubject, compileAssertion } from '@genchi/core';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerCodeSandbox } from './code-sandbox.js';

const sandbox = new WorkerCodeSandbox({ maxTimeoutMs: 2000, memoryMiB: 32 });
afterAll(() => sandbox.close());

const subject = new AssertionSubject({ spanId: 's1', task: 'qa', input: 'Where is my order?', output: [{ role: 'assistant', content: '{"items":[1,2]}' }], latencyMs: 120 });

async function outcome(code: string, form: 'expression' | 'module' = 'expression', timeoutMs = 300) {
  const compiled = compileAssertion({ type: 'custom-js', parameters: { code, form, timeoutMs } });
  if (!compiled.ok) throw new Error(compiled.problem);
  return compiled.assertion.evaluate(subject, { sandbox });
}

describe('custom JavaScript assertions in the sandbox', () => {
  it.each([
    ['outputText.length < 100', 'expression', { status: 'ok', pass: true }],
    ['outputJson.items.length === 3', 'expression', { status: 'ok', pass: false }],
    ['latencyMs < 100 ? true : { pass: false, reason: "slow: " + latencyMs }', 'expression', { status: 'ok', pass: false, reason: 'slow: 120' }],
    ['export default function ({ inputText }) { return inputText.includes("order"); }', 'module', { status: 'ok', pass: true }],
    ['export default async (subject) => ({ pass: subject.task === "qa", score: 0.5 })', 'module', { status: 'ok', pass: true, measured: 0.5 }],
    ['module.exports = (s) => s.expected === null', 'module', { status: 'ok', pass: true }],
  ] as const)('%s', async (code, form, expected) => {
    expect(await outcome(code, form)).toMatchObject(expected);
  });

  it.each([
    ['(() => { throw new Error("boom") })()', /the code failed: boom/],
    ['"yes"', /returned "yes"/],
    ['undefined', /returned undefined/],
    ['outputJson.nope.deeper', /Cannot read properties of undefined/],
    ['syntax error here', /the code failed/],
    ['typeof process === "undefined" && typeof require === "undefined" ? { pass: false, reason: "isolated" } : true', /isolated/],
    ['subject.constructor.constructor("return process")()', /Code generation from strings disallowed/],
    ['(() => { while (true) {} })()', /timed out after 300 ms|Script execution timed out/],
  ])('records an error (or the isolation) for %s', async (code, reason) => {
    const result = await outcome(code);
    expect(result.status === 'error' ? result.reason : (result as { reason?: string }).reason).toMatch(reason);
  });

  it('ends a loop after an await and goes on with the next run', async () => {
    const looping = outcome('export default async () => { await null; for (;;) {} }', 'module', 200);
    const next = outcome('true');
    expect(await looping).toMatchObject({ status: 'error', reason: expect.stringMatching(/timed out after 200 ms/) });
    expect(await next).toMatchObject({ status: 'ok', pass: true });
  });

  it('survives code that exhausts its memory', async () => {
    const result = await outcome('export default () => { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }', 'module', 2000);
    expect(result.status).toBe('error');
    expect(await outcome('1 + 1 === 2')).toMatchObject({ status: 'ok', pass: true });
  });
});
