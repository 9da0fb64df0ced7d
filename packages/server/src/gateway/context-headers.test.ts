import { describe, expect, it } from 'vitest';
import { readCallContext } from './context-headers.js';

describe('context headers', () => {
  it('reads every genchi header and a W3C traceparent', () => {
    expect(
      readCallContext({
        'x-genchi-task': 'categorize-product',
        'x-genchi-user': 'u-42',
        'x-genchi-session': 's-7',
        'x-genchi-tags': ' beta, mobile ,,',
        'x-genchi-prompt': 'categorizer@v3',
        'x-genchi-environment': 'staging',
        traceparent: '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
      }),
    ).toEqual({
      task: 'categorize-product',
      taskNamed: true,
      environment: 'staging',
      userId: 'u-42',
      sessionId: 's-7',
      tags: ['beta', 'mobile'],
      promptId: 'categorizer',
      promptVersion: 'v3',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      parentId: '00f067aa0ba902b7',
    });
  });

  it('defaults task and environment, and lets x-genchi-trace-id win over traceparent', () => {
    expect(readCallContext({ 'content-type': 'application/json' })).toEqual({ task: 'default', taskNamed: false, environment: 'prod' });
    expect(readCallContext({ 'x-genchi-prompt': 'only-id', 'x-genchi-trace-id': 'my-trace', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' })).toMatchObject({
      promptId: 'only-id',
      traceId: 'my-trace',
      parentId: '00f067aa0ba902b7',
    });
  });

  it.each([
    [{ 'x-genchi-environment': 'pr od' }, /x-genchi-environment/],
    [{ 'x-genchi-task': 'x'.repeat(201) }, /x-genchi-task: longer than 200/],
    [{ 'x-genchi-tags': Array.from({ length: 51 }, (_, index) => `t${index}`).join(',') }, /more than 50 tags/],
    [{ 'x-genchi-prompt': '@3' }, /x-genchi-prompt/],
    [{ 'x-genchi-trace-id': 'has space' }, /printable ASCII/],
  ])('refuses %o naming the header', (headers, message) => {
    expect(() => readCallContext(headers)).toThrow(message);
  });
});
