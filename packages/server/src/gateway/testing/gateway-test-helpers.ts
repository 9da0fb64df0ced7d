import type { SpanRecord } from '@genchi/core';
import type { RunningGenchi } from '../../start-genchi.js';
import { gatewayOf } from '../gateway-routes.js';

/** Waits until a condition holds, polling every 10 ms, or fails after `timeoutMs`. */
export async function waitFor<Value>(read: () => Promise<Value | null | undefined> | Value | null | undefined, timeoutMs = 5_000): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms in vain`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits for the gateway's buffered spans to be written, then reads one span. */
export async function storedSpan(genchi: RunningGenchi, projectId: string, spanId: string | null): Promise<SpanRecord> {
  if (spanId === null) throw new Error('the answer carried no x-genchi-span-id');
  return waitFor(async () => {
    await gatewayOf(genchi.app).log.idle();
    return genchi.context.storage.traces.getSpan(projectId, spanId);
  });
}

/** Replaces the variable parts of an OpenAI answer (ids, timestamps) so that two answers to the same script compare byte for byte. */
export function normalizeAnswer(text: string): string {
  return text.replace(/"created":\d+/g, '"created":0').replace(/(chatcmpl|resp|call|msg|fc)[-_]sim\d+/g, '$1-sim');
}
