import { z } from 'zod';
import { environmentSchema, jsonObjectSchema, nameSchema, recordIdSchema } from './common.js';
import { queryTimeSchema } from './query.js';
import { spanKinds } from './span.js';

/** How an assertion is configured: the registry id of its type and that type's parameters. */
export const assertionSpecSchema = z.strictObject({
  type: z.string().min(1).max(60).regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes (see GET /v1/checks/assertion-types)'),
  parameters: jsonObjectSchema.default({}),
});
export type AssertionSpecInput = z.input<typeof assertionSpecSchema>;
export type AssertionSpec = z.output<typeof assertionSpecSchema>;

/** The body of `POST /v1/checks/criteria`: what is judged about a task's outputs. */
export const criterionInputSchema = z.strictObject({
  task: nameSchema,
  name: z.string().trim().min(1).max(120),
  definition: z.string().trim().max(4000).default(''),
  /** The review failure mode this criterion was made from, if any: its tags are the human labels. */
  failureModeId: recordIdSchema.optional(),
});
export type CriterionInput = z.input<typeof criterionInputSchema>;

/** The body of `PATCH /v1/checks/criteria/:id`: a new name or definition makes a new version. */
export const criterionChangeSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  definition: z.string().trim().max(4000).optional(),
  archived: z.boolean().optional(),
});
export type CriterionChange = z.output<typeof criterionChangeSchema>;

/** A named, versioned criterion of a task (what is judged; its checks say how). */
export interface Criterion {
  id: string;
  task: string;
  name: string;
  definition: string;
  version: number;
  failureModeId: string | null;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** One version of a criterion's definition. */
export interface CriterionVersion {
  version: number;
  name: string;
  definition: string;
  createdAt: string;
}

/** A gate a check must clear in `genchi check` (and `POST /v1/checks/run`). */
export const checkGateSchema = z.strictObject({
  /** Least share of evaluated spans that must pass, 0 to 1. */
  minPassRate: z.number().min(0).max(1),
});
export type CheckGate = z.infer<typeof checkGateSchema>;

/** The body of `POST /v1/checks/assertions`: an assertion or judge implementing a criterion. */
export const checkInputSchema = z.strictObject({
  task: nameSchema,
  criterionId: recordIdSchema.optional(),
  name: z.string().trim().min(1).max(120),
  assertion: assertionSpecSchema,
  enabled: z.boolean().default(true),
  gate: checkGateSchema.optional(),
});
export type CheckInput = z.input<typeof checkInputSchema>;

/** The body of `PATCH /v1/checks/assertions/:id`: a new assertion makes a new version. */
export const checkChangeSchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  criterionId: recordIdSchema.nullable().optional(),
  assertion: assertionSpecSchema.optional(),
  enabled: z.boolean().optional(),
  gate: checkGateSchema.nullable().optional(),
});
export type CheckChange = z.output<typeof checkChangeSchema>;

/** A stored check: one assertion (code or judge) of a task, optionally implementing a criterion. */
export interface Check {
  id: string;
  task: string;
  criterionId: string | null;
  name: string;
  assertion: AssertionSpec;
  version: number;
  enabled: boolean;
  gate: CheckGate | null;
  createdAt: string;
  updatedAt: string;
}

/** The body of `PUT /v1/checks/online-rules/:task`: which new production spans run which checks. */
export const onlineRuleInputSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** Only spans of this environment; null evaluates every environment but `eval`. */
  environment: environmentSchema.nullable().default('prod'),
  kind: z.enum(spanKinds).default('llm'),
  /** Only spans answered by (or asking for) one of these models, when given. */
  models: z.array(z.string().min(1).max(200)).max(50).optional(),
  /** Only spans with at least one of these tags, when given. */
  tags: z.array(z.string().min(1).max(100)).max(50).optional(),
  /** Share of matching spans evaluated, 0 to 1 (a span's draw is fixed by its id). */
  samplingRate: z.number().min(0).max(1).default(1),
  /** The checks run; empty runs every enabled check of the task. */
  checkIds: z.array(recordIdSchema).max(100).default([]),
  /** Spans failing a check become candidates of the review sample's `assertion-failures` stratum. */
  feedReview: z.boolean().default(true),
});
export type OnlineRuleInput = z.input<typeof onlineRuleInputSchema>;

/** A stored online evaluation rule of one task, with how far its job has read. */
export type OnlineRule = z.output<typeof onlineRuleInputSchema> & {
  task: string;
  updatedAt: string;
  /** Spans evaluated (or passed over by the filter and sampling) so far. */
  processed: number;
  lastRunAt: string | null;
};

/** Which items of a confusion matrix fall in each cell; "positive" means failed. */
export interface ConfusionMatrix {
  /** Humans failed it and the check failed it. */
  bothFail: string[];
  /** Humans passed it and the check passed it. */
  bothPass: string[];
  /** Humans passed it but the check failed it. */
  falseFailures: string[];
  /** Humans failed it but the check passed it. */
  misses: string[];
  /** The check could not evaluate it (error or not evaluated). */
  notEvaluated: string[];
}

/** How well a check agrees with human grades (EvalGen's measures, MCC and Cohen's κ). */
export interface AlignmentReport {
  /** Items with both a human grade and a check verdict. */
  n: number;
  /** Share of human-failed items the check fails; null without human failures. */
  coverage: number | null;
  /** Share of human-passed items the check fails; null without human passes. */
  falseFailureRate: number | null;
  /** Harmonic mean of coverage and 1 − false failure rate; null when either is null. */
  alignment: number | null;
  /** Matthews correlation coefficient; null when a row or column of the matrix is empty. */
  mcc: number | null;
  /** Cohen's κ; null when chance agreement is total. */
  kappa: number | null;
  confusion: ConfusionMatrix;
}

/** The body of `POST /v1/checks/preview`: run an unsaved assertion against every graded item of a task. */
export const checkPreviewSchema = z.strictObject({
  task: nameSchema,
  assertion: assertionSpecSchema,
  /** Grades come from this criterion's failure mode when it has one, else from the item's verdict. */
  criterionId: recordIdSchema.optional(),
  /** Graded items evaluated at most (newest first). */
  limit: z.number().int().min(1).max(2000).default(500),
});
export type CheckPreviewInput = z.input<typeof checkPreviewSchema>;

/** One graded item as a check saw it. */
export interface CheckedItem {
  itemId: string;
  spanId: string;
  human: 'pass' | 'fail';
  /** The check's verdict; null when it could not evaluate the item. */
  check: 'pass' | 'fail' | null;
  status: 'ok' | 'error' | 'skipped';
  reason: string | null;
  outputPreview: string;
}

/** What a check's alignment with the human grades of its task is, item by item. */
export interface CheckAlignment {
  task: string;
  criterionId: string | null;
  alignment: AlignmentReport;
  items: CheckedItem[];
}

/** A criterion's candidate checks ranked by alignment, the best one named. */
export interface CriterionAlignment {
  criterion: Criterion;
  candidates: Array<{ check: Check; alignment: AlignmentReport }>;
  bestCheckId: string | null;
  /** Items graded before the criterion's current version: they need grading again. */
  regrade: Array<{ itemId: string; spanId: string; reviewedAt: string; gradedUnderVersion: number }>;
}

/** The body of `POST /v1/checks/run`: run a task's checks over stored spans and report (`genchi check`). */
export const checkRunRequestSchema = z.strictObject({
  task: nameSchema,
  /** Start of the window: `24h`, `7d`, an ISO time or epoch milliseconds (24 hours ago when absent). */
  since: queryTimeSchema.optional(),
  until: queryTimeSchema.optional(),
  environment: environmentSchema.nullable().default('prod'),
  kind: z.enum(spanKinds).default('llm'),
  /** Only these checks; every enabled check of the task when absent. */
  checkIds: z.array(recordIdSchema).max(100).optional(),
  /** Spans evaluated at most (newest first). */
  limit: z.number().int().min(1).max(100_000).default(5000),
  /** A gate for every check without one of its own. */
  minPassRate: z.number().min(0).max(1).optional(),
});
export type CheckRunRequest = z.input<typeof checkRunRequestSchema>;

/** One check's figures in a run report. */
export interface CheckRunLine {
  checkId: string;
  name: string;
  type: string;
  criterionId: string | null;
  evaluated: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  /** passed / (passed + failed); null when nothing was evaluated. */
  passRate: number | null;
  gate: (CheckGate & { passed: boolean }) | null;
  /** A few failing spans, for a first look. */
  examples: Array<{ spanId: string; status: 'fail' | 'error' | 'skipped'; reason: string | null }>;
}

/** What `POST /v1/checks/run` answers. */
export interface CheckRunReport {
  task: string;
  from: string;
  to: string;
  spans: number;
  checks: CheckRunLine[];
  gatesFailed: number;
}

/** The body of `POST /v1/checks/suggest`: propose criteria and candidate assertions from reviewed items. */
export const suggestRequestSchema = z.strictObject({
  task: nameSchema,
  /** Reviewed items shown to the model (failed ones first). */
  items: z.number().int().min(1).max(20).default(6),
  /** A model reference; `checks.suggestModel` (or `checks.judgeModel`) when absent. */
  model: z.string().min(1).max(300).optional(),
});

/** A criterion the model proposes, with candidate assertions, for the user to accept or edit. */
export interface CriterionSuggestion {
  name: string;
  definition: string;
  assertions: Array<{ name: string; assertion: AssertionSpec }>;
}

/** One assertion type of the registry, as `GET /v1/checks/assertion-types` lists it. */
export interface AssertionTypeInfo {
  id: string;
  label: string;
  description: string;
  valueType: 'boolean' | 'number';
  needsModel: boolean;
  /** JSON Schema of the parameters. */
  parameters: unknown;
}
