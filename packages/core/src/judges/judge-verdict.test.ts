import { describe, expect, it } from 'vitest';
import { AssertionSubject } from '../assertions/assertion-subject.js';
import { ModelCallError } from '../models/model-client.js';
import { buildJudgeMessages, judgeTextLimit } from './judge-prompt.js';
import { JudgeFormatError, majorityVote, parseJudgeVerdict } from './judge-verdict.js';
import { backoffDelay, callWithRetry } from './retry-policy.js';

describe('judge verdicts', () => {
  it.each([
    ['{"reason":"fine","verdict":"pass"}', 'pass-fail', { pass: true, score: null, reason: 'fine' }],
    ['Sure!\n```json\n{"reason":"wrong date","verdict":"FAIL"}\n```', 'pass-fail', { pass: false, reason: 'wrong date' }],
    ['{"pass": true}', 'pass-fail', { pass: true, reason: '' }],
    ['{"reason":"ok","score":4}', 'score', { pass: true, score: 4 }],
    ['{"reason":"meh","score":"3"}', 'score', { pass: false, score: 3 }],
  ] as const)('reads %j', (text, scale, expected) => {
    expect(parseJudgeVerdict(text, scale, 4)).toMatchObject(expected);
  });

  it.each([
    ['no json here', 'pass-fail', /no JSON object/],
    ['{"verdict": "maybe"}', 'pass-fail', /expected "verdict"/],
    ['{"score": 9}', 'score', /score from 1 to 5/],
    ['{"score": 4', 'score', /no JSON object/],
    ['{bad json}', 'pass-fail', /does not parse/],
  ] as const)('refuses %j', (text, scale, problem) => {
    expect(() => parseJudgeVerdict(text, scale, 4)).toThrow(JudgeFormatError);
    expect(() => parseJudgeVerdict(text, scale, 4)).toThrow(problem);
  });

  it('takes the majority of votes; an even split fails', () => {
    const pass = { pass: true, score: null, reason: 'good' };
    const fail = { pass: false, score: null, reason: 'bad' };
    expect(majorityVote([pass, fail, pass])).toMatchObject({ pass: true, passVotes: 2, votes: 3, reason: 'good' });
    expect(majorityVote([pass, fail])).toMatchObject({ pass: false, reason: 'bad' });
    expect(majorityVote([{ ...pass, score: 5 }, { ...fail, score: 2 }, { ...fail, score: 2 }])).toMatchObject({ pass: false, score: 3 });
  });

  it('builds a prompt with the rubric, the material and the answer format', () => {
    const subject = new AssertionSubject({ spanId: 's', task: 't', input: 'Where is my order?', output: 'x'.repeat(judgeTextLimit + 10), expected: 'It ships today' });
    const [system, user] = buildJudgeMessages({ rubric: 'Gives a ship date', scale: 'pass-fail', includeInput: true, includeExpected: true }, subject);
    expect(system?.content).toContain('"verdict": "pass" | "fail"');
    expect(user?.content).toContain('<criterion>\nGives a ship date');
    expect(user?.content).toContain('<input>\nWhere is my order?');
    expect(user?.content).toContain('[… 10 more characters cut]');
    expect(user?.content).toContain('<expected_output>\nIt ships today');
    const [, bare] = buildJudgeMessages({ rubric: 'r', scale: 'score', includeInput: false, includeExpected: false }, subject);
    expect(bare?.content).not.toContain('<input>');
    expect(bare?.content).not.toContain('<expected_output>');
  });

  it('retries retryable failures with doubling backoff, and stops on others', async () => {
    const waits: number[] = [];
    const policy = { attempts: 4, backoffMs: 100, maxBackoffMs: 250, sleep: async (ms: number) => void waits.push(ms) };
    let calls = 0;
    await expect(callWithRetry(async () => {
      calls++;
      throw new ModelCallError('down', true, 503);
    }, policy)).rejects.toThrow('down');
    expect(calls).toBe(4);
    expect(waits).toEqual([100, 200, 250]);
    calls = 0;
    await expect(callWithRetry(async () => {
      calls++;
      throw new ModelCallError('bad key', false, 401);
    }, policy)).rejects.toThrow('bad key');
    expect(calls).toBe(1);
    expect(await callWithRetry(async () => (++calls > 2 ? 'ok' : Promise.reject(new ModelCallError('flaky', true))), policy)).toBe('ok');
    expect(backoffDelay(2, policy)).toBe(100);
  });
});
