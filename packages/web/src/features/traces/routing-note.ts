/**
 * What the gateway did with a call's model, from the span's metadata, for the model fact of a span:
 * `pinned; asked for openai/gpt-4o-mini`, `variant b`; null when it did nothing of the kind.
 */
export function routingNote(metadata: Record<string, unknown>): string | null {
  const notes: string[] = [];
  const requested = typeof metadata.requestedModel === 'string' ? metadata.requestedModel : null;
  if (typeof metadata.pinnedModel === 'string') notes.push(requested === null ? 'pinned' : `pinned; asked for ${requested}`);
  else if (requested !== null) notes.push(`asked for ${requested}`);
  if (typeof metadata.variant === 'string') notes.push(`variant ${metadata.variant}`);
  return notes.length === 0 ? null : notes.join(' · ');
}
