import { expect, it } from 'vitest';
import { routingNote } from './routing-note.js';

it('names the pin, the model the caller asked for and the A/B variant, and nothing for a plain call', () => {
  expect(routingNote({ via: 'gateway', requestedModel: 'openai/gpt-4o-mini', pinnedModel: 'openai/gpt-4o-2024-08-06' })).toBe('pinned; asked for openai/gpt-4o-mini');
  expect(routingNote({ pinnedModel: 'openai/gpt-4o-2024-08-06' })).toBe('pinned');
  expect(routingNote({ requestedModel: 'openai/gpt-4o-mini', variant: 'b' })).toBe('asked for openai/gpt-4o-mini · variant b');
  expect(routingNote({ via: 'gateway', upstreamStatus: 200 })).toBeNull();
  expect(routingNote({ pinnedModel: 7 })).toBeNull();
});
