import type { GatewaySpanMetadata } from '@genchi/spec';

/**
 * What the gateway did with a call's model, from the span's metadata, for the model fact of a span:
 * `pinned; asked for openai/gpt-4o-mini`, `variant b`; null when it did nothing of the kind.
 */
export function routingNote(metadata: Record<string, unknown>): string | null {
  // Any span's metadata: only a gateway span's fields (GatewaySpanMetadata) are read, and checked as text.
  const routing: Partial<Record<keyof GatewaySpanMetadata, unknown>> = metadata;
  const notes: string[] = [];
  const requested = typeof routing.requestedModel === 'string' ? routing.requestedModel : null;
  if (typeof routing.pinnedModel === 'string') notes.push(requested === null ? 'pinned' : `pinned; asked for ${requested}`);
  else if (requested !== null) notes.push(`asked for ${requested}`);
  if (typeof routing.variant === 'string') notes.push(`variant ${routing.variant}`);
  return notes.length === 0 ? null : notes.join(' · ');
}
