/** What a span says about the call it records, set per client, per scope or per span. */
export interface CallContext {
  /** The application's name for the job, e.g. `categorize-product`. */
  task?: string;
  userId?: string;
  sessionId?: string;
  /** Added to the tags of the enclosing scopes. */
  tags?: readonly string[];
  /** Merged over the metadata of the enclosing scopes (keys of the inner scope win). */
  metadata?: Readonly<Record<string, unknown>>;
  promptId?: string;
  promptVersion?: string;
  /** `prod`, `dev`, `shadow`, `experiment`, `eval` or the team's own. */
  environment?: string;
}

const scalarKeys = ['task', 'userId', 'sessionId', 'promptId', 'promptVersion', 'environment'] as const;

/** The context of an inner scope over an outer one: scalars of the inner win, tags add up, metadata merges. */
export function mergeContext(outer: CallContext, inner: CallContext | undefined): CallContext {
  if (inner === undefined) return outer;
  const merged: CallContext = { ...outer };
  for (const key of scalarKeys) {
    const value = inner[key];
    if (value !== undefined) merged[key] = value;
  }
  if (inner.tags !== undefined && inner.tags.length > 0) {
    merged.tags = outer.tags === undefined ? inner.tags : [...new Set([...outer.tags, ...inner.tags])];
  }
  if (inner.metadata !== undefined) merged.metadata = outer.metadata === undefined ? inner.metadata : { ...outer.metadata, ...inner.metadata };
  return merged;
}
