import type { SpanKind } from '@genchi/spec';
import type { PrefixRule, AttributeRule } from '../attribute-rules.js';
import type { SpanDraft, SpanView } from '../span-view.js';

/**
 * One tracing convention (OpenTelemetry GenAI, OpenInference, Vercel AI SDK, …): what marks a span
 * as following it, which attributes go to which columns, and the mapping that needs code.
 */
export interface ConventionMapper {
  /** The convention's name, for documentation and tests. */
  readonly name: string;
  /** Attribute keys whose presence marks a span as following this convention; none means every span. */
  readonly markers: readonly string[];
  /** Span event names that also mark a span as following this convention. */
  readonly markerEvents?: readonly string[];
  /** Attribute-to-column rules, applied in order; an earlier convention's value wins. */
  readonly rules: readonly AttributeRule[];
  /** Attribute families gathered wholesale into params or metadata. */
  readonly prefixRules?: readonly PrefixRule[];
  /** The span's kind, when this convention can tell. */
  kind?(view: SpanView): SpanKind | undefined;
  /** Input, output, tool calls and whatever else needs more than a rule. */
  map?(view: SpanView, draft: SpanDraft): void;
}
