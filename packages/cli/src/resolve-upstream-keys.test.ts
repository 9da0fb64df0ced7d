import { genchiConfigSchema } from '@genchi/spec';
import { describe, expect, it } from 'vitest';
import { resolveUpstreamKeys } from './resolve-upstream-keys.js';

describe('upstream keys from the environment', () => {
  it('fills apiKey from apiKeyEnv and warns about unset variables, leaving configured keys alone', () => {
    const config = genchiConfigSchema.parse({
      providers: {
        openai: { baseUrl: 'https://api.openai.com/v1', apiKeyEnv: 'OPENAI_API_KEY' },
        anthropic: { baseUrl: 'https://api.anthropic.com/v1', apiKeyEnv: 'ANTHROPIC_API_KEY' },
        local: { baseUrl: 'http://127.0.0.1:11434/v1' },
        fixed: { baseUrl: 'http://127.0.0.1:8000/v1', apiKey: 'sk-fixed' },
      },
    });
    const warnings = resolveUpstreamKeys(config, { OPENAI_API_KEY: ' sk-openai ', ANTHROPIC_API_KEY: '' });
    expect(config.providers.openai?.apiKey).toBe('sk-openai');
    expect(config.providers.anthropic?.apiKey).toBeUndefined();
    expect(config.providers.local?.apiKey).toBeUndefined();
    expect(config.providers.fixed?.apiKey).toBe('sk-fixed');
    expect(warnings).toEqual(['provider anthropic: ANTHROPIC_API_KEY is not set; its calls will be refused until it is']);
  });
});
