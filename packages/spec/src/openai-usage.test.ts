import { describe, expect, it } from 'vitest';
import { usageFromOpenAi } from './openai-usage.js';

describe('usageFromOpenAi', () => {
  it('reads the Chat Completions shape with its details', () => {
    const usage = { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150, prompt_tokens_details: { cached_tokens: 64 }, completion_tokens_details: { reasoning_tokens: 12 } };
    expect(usageFromOpenAi(usage)).toEqual({ inputTokens: 120, outputTokens: 30, totalTokens: 150, cachedInputTokens: 64, reasoningTokens: 12 });
  });

  it('reads the Responses shape with its details', () => {
    const usage = { input_tokens: 9, output_tokens: 4, total_tokens: 13, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 2 } };
    expect(usageFromOpenAi(usage)).toEqual({ inputTokens: 9, outputTokens: 4, totalTokens: 13, cachedInputTokens: 0, reasoningTokens: 2 });
  });

  it('leaves out counts that are not whole non-negative numbers, and gives nothing for no counts', () => {
    expect(usageFromOpenAi({ prompt_tokens: -1, completion_tokens: 2.5, total_tokens: '7', prompt_tokens_details: null })).toBeUndefined();
    expect(usageFromOpenAi({ prompt_tokens: 3 })).toEqual({ inputTokens: 3 });
    expect(usageFromOpenAi(null)).toBeUndefined();
    expect(usageFromOpenAi([1, 2])).toBeUndefined();
  });
});
