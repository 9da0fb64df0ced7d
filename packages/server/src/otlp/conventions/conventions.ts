import type { ConventionMapper } from './convention-mapper.js';
import { genAiConvention } from './gen-ai-convention.js';
import { genAiLegacyConvention } from './gen-ai-legacy-convention.js';
import { genchiConvention } from './genchi-convention.js';
import { openInferenceConvention } from './open-inference-convention.js';
import { vercelAiConvention } from './vercel-ai-convention.js';

/**
 * The conventions OTLP ingest understands, in order of precedence: when two give a value for the
 * same column, the earlier one wins and the later attribute is kept as it is.
 */
export const conventions: readonly ConventionMapper[] = [
  genchiConvention,
  genAiConvention,
  openInferenceConvention,
  vercelAiConvention,
  genAiLegacyConvention,
];
