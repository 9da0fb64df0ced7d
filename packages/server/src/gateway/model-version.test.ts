import { describe, expect, it } from 'vitest';
import { isFloatingAlias } from './model-version.js';

describe('floating aliases', () => {
  it.each([
    'gpt-4o',
    'gpt-4o-mini',
    'openai/gpt-4o',
    'claude-3-5-sonnet-latest',
    'gemini-1.5-pro',
    'mistral-large-latest',
    'llama3:latest',
    'sim-small',
    'o3',
    'gemini-2.5-flash-preview',
  ])('%s floats', (model) => expect(isFloatingAlias(model)).toBe(true));

  it.each([
    'gpt-4o-2024-08-06',
    'openai/gpt-4o-mini-2024-07-18',
    'claude-3-5-sonnet-20241022',
    'gpt-4-0613',
    'gpt-3.5-turbo-1106',
    'mistral-large-2411',
    'gemini-1.5-pro-002',
    'gemini-2.0-flash-001',
    'sim-small-sim-2025-01-01',
    'my-model@v3',
  ])('%s is pinned', (model) => expect(isFloatingAlias(model)).toBe(false));
});
