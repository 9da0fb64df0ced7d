import { describe, expect, it } from 'vitest';
import { newSpanId, newTraceId } from './gateway-ids.js';

describe('gateway ids', () => {
  it('are hex of OpenTelemetry lengths and do not repeat across pool refills', () => {
    const spans = new Set(Array.from({ length: 5_000 }, () => newSpanId()));
    const traces = new Set(Array.from({ length: 5_000 }, () => newTraceId()));
    expect(spans.size).toBe(5_000);
    expect(traces.size).toBe(5_000);
    expect([...spans].every((id) => /^[0-9a-f]{16}$/.test(id))).toBe(true);
    expect([...traces].every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
  });
});
