import { AssertionSubject, compileAssertion } from '@genchi/core';
import { startSimLlm, type SimLlm } from '@genchi/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGenchi, type TestGenchi } from '../testing/index.js';
import { checkServices } from './check-services.js';

/** Judges against sim-llm, the simulated OpenAI-compatible model server, through the official openai client. */
describe('LLM judges (against the simulated sim-llm server)', () => {
  let sim: SimLlm;
  let genchi: TestGenchi;

  beforeAll(async () => {
    sim = await startSimLlm();
    genchi = await startTestGenchi({
      listen: false,
      runJobs: false,
      config: {
        providers: { sim: { baseUrl: sim.url, apiKey: 'sk-sim' } },
        checks: { judgeModel: 'sim/judge-2025-01-01', judge: { attempts: 3, backoffMs: 1, maxBackoffMs: 4 } },
      },
    });
  });
  afterAll(async () => {
    await genchi?.close();
    await sim?.close();
  });

  const judge = async (parameters: Record<string, unknown>, output: string) => {
    const compiled = compileAssertion({ type: 'llm-judge', parameters: { rubric: 'The answer gives a ship date.', ...parameters } });
    if (!compiled.ok) throw new Error(compiled.problem);
    const subject = new AssertionSubject({ spanId: 'judged-1', task: 'support-reply', input: 'Where is my order?', output });
    return compiled.assertion.evaluate(subject, checkServices(genchi.context).assertionContext(genchi.projectId, { kind: 'judge', task: 'support-reply', spanId: 'judged-1' }));
  };

  it('reads a structured pass/fail verdict with its reason', async () => {
    sim.setRules([
      { match: { contains: 'ships today' }, reply: { content: '{"reason":"It names today.","verdict":"pass"}' } },
      { match: { contains: 'ships soon' }, reply: { content: '{"reason":"No date is given.","verdict":"fail"}' } },
    ]);
    expect(await judge({}, 'Your order ships today.')).toEqual({ status: 'ok', pass: true, reason: 'It names today.' });
    expect(await judge({}, 'Your order ships soon.')).toEqual({ status: 'ok', pass: false, reason: 'No date is given.' });
    const request = sim.requests.at(-1);
    expect(request?.body).toMatchObject({ model: 'judge-2025-01-01', temperature: 0, response_format: { type: 'json_object' } });
    expect(JSON.stringify(request?.body)).toContain('<criterion>\\nThe answer gives a ship date.');
  });

  it('grades on a score scale against a threshold', async () => {
    sim.setRules([{ reply: { content: '{"reason":"Partly.","score":3}' } }]);
    expect(await judge({ scale: 'score', passThreshold: 3 }, 'x')).toMatchObject({ status: 'ok', pass: true, measured: 3 });
    expect(await judge({ scale: 'score', passThreshold: 4 }, 'x')).toMatchObject({ status: 'ok', pass: false, measured: 3 });
  });

  it('takes the majority of k votes', async () => {
    sim.setRules([
      { reply: { content: '{"reason":"no","verdict":"fail"}' }, times: 1 },
      { reply: { content: '{"reason":"yes","verdict":"pass"}' } },
    ]);
    const outcome = await judge({ votes: 3 }, 'Your order ships Monday.');
    expect(outcome).toMatchObject({ status: 'ok', pass: true, reason: 'yes (2 of 3 votes pass)' });
    expect(sim.requests.at(-1)?.body).toMatchObject({ temperature: 0.7 });
  });

  it('retries a model that is down, then marks the span not evaluated, never passed or failed', async () => {
    sim.setRules([{ reply: { fault: 'http-503' } }]);
    sim.clearRequests();
    const outcome = await judge({}, 'Your order ships today.');
    expect(outcome).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^not evaluated: the judge model did not answer \(sim answered 503/) });
    expect(sim.requests.filter((request) => request.path === '/v1/chat/completions')).toHaveLength(3);
    sim.setRules([{ reply: { fault: 'http-503' }, times: 2 }, { reply: { content: '{"reason":"ok","verdict":"pass"}' } }]);
    expect(await judge({}, 'x')).toMatchObject({ status: 'ok', pass: true });
  });

  it('reports an answer without a grade as an error', async () => {
    sim.setRules([{ reply: { content: 'I think it is fine.' } }]);
    expect(await judge({}, 'x')).toMatchObject({ status: 'error', reason: expect.stringMatching(/no usable grade: no JSON object/) });
  });

  it('logs each judge call as a span of environment eval, with its cost inputs', async () => {
    sim.setRules([{ reply: { content: '{"reason":"r","verdict":"pass"}' } }]);
    await judge({}, 'logged answer');
    let spans: Array<Record<string, unknown>> = [];
    for (let attempt = 0; attempt < 50 && spans.length === 0; attempt++) {
      const response = await genchi.app.inject({ method: 'GET', url: '/v1/spans?environment=eval&limit=100', headers: genchi.headers() });
      spans = (response.json() as { data: Array<Record<string, unknown>> }).data.filter((span) => String(span.outputPreview).includes('"verdict":"pass"'));
      if (spans.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0]).toMatchObject({ environment: 'eval', task: 'support-reply', provider: 'sim', model: 'judge-2025-01-01', status: 'ok', usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) } });
    const failed = await genchi.app.inject({ method: 'GET', url: '/v1/spans?environment=eval&status=error&limit=100', headers: genchi.headers() });
    expect((failed.json() as { data: unknown[] }).data.length).toBeGreaterThan(0);
  });
});
