import { bodyText, callWithRetry, compileAssertion, type ModelMessage } from '@genchi/core';
import type { CriterionSuggestion, suggestRequestSchema } from '@genchi/spec';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { HttpError } from '../http/http-error.js';
import { checkServices } from './check-services.js';
import { reviewedItems } from './graded-items.js';

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit)}…` : text);

/** The assertion types the model may propose, with their parameters in brief. */
const proposable = `regex {pattern, flags?, shouldMatch?}; contains / not-contains {values: string[], mode?: "any"|"all", caseSensitive?};
equals {value}; starts-with {value}; is-json {topLevel?: "any"|"object"|"array"}; json-shape {example: <a JSON value of the right structure>};
json-schema {schema}; is-xml {}; is-yaml {}; length {unit: "chars"|"words"|"tokens", min?, max?}; casing {style: "lower"|"upper"|"sentence"|"title"|"not-shouting"};
refusal {expect?: "answer"|"refusal"}; pii {}; latency {maxMs}; cost {maxUsd}; llm-judge {rubric, scale?: "pass-fail"|"score"}`;

/** The prompt of "suggest criteria": the task's prompt, its failure modes and a few reviewed items. */
async function suggestionPrompt(context: AppContext, projectId: string, task: string, count: number): Promise<ModelMessage[]> {
  const items = (await reviewedItems(context, projectId, task, 200)).sort((a, b) => Number(b.verdict === 'fail') - Number(a.verdict === 'fail')).slice(0, count);
  if (items.length === 0) throw new HttpError(409, `task ${task} has no reviewed items yet: review a few first`, 'conflict_error', 'task');
  const modes = await context.storage.review.listFailureModes(projectId, task);
  const examples: string[] = [];
  let prompt = '';
  for (const item of items) {
    const span = await context.storage.traces.getSpan(projectId, item.spanId);
    if (span === null) continue;
    if (prompt === '' && Array.isArray(span.input)) prompt = bodyText(span.input.filter((message: { role?: unknown }) => message?.role === 'system' || message?.role === 'developer'));
    examples.push([
      `<item verdict="${item.verdict}" failure_modes="${item.failureModes.map((mode) => mode.name).join(', ')}">`,
      `input: ${clip(bodyText(span.input), 1500)}`, `output: ${clip(bodyText(span.output), 1500)}`,
      ...(item.note === null ? [] : [`reviewer note: ${clip(item.note, 500)}`]),
      ...(item.correctedOutput === null ? [] : [`corrected output: ${clip(item.correctedOutput, 1000)}`]), '</item>',
    ].join('\n'));
  }
  const system = `You help a team write evaluation criteria for one task of their LLM application. Propose 2 to 6 criteria (what a good output must satisfy), each with 1 to 3 candidate assertions that check it.
Prefer cheap code assertions; use an llm-judge only for what code cannot check. Assertion types and parameters: ${proposable}.
Answer with one JSON object: {"criteria": [{"name": "...", "definition": "...", "assertions": [{"name": "...", "type": "...", "parameters": {...}}]}]}`;
  const user = [`task: ${task}`, `<task_prompt>\n${clip(prompt || '(not known)', 4000)}\n</task_prompt>`,
    `known failure modes: ${modes.map((mode) => `${mode.name}: ${mode.definition}`).join('; ') || 'none yet'}`, ...examples].join('\n\n');
  return [{ role: 'system', content: system }, { role: 'user', content: user }];
}

/** Reads the model's proposals, keeping only assertions that compile. */
export function readSuggestions(text: string): CriterionSuggestion[] {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.slice(start, end + 1));
  } catch {
    throw new HttpError(502, 'the model did not answer with JSON criteria', 'upstream_error');
  }
  const criteria = (parsed as { criteria?: unknown }).criteria;
  if (!Array.isArray(criteria)) throw new HttpError(502, 'the model answered no criteria list', 'upstream_error');
  const suggestions: CriterionSuggestion[] = [];
  for (const entry of criteria as Array<Record<string, unknown>>) {
    if (typeof entry?.name !== 'string' || entry.name.trim() === '') continue;
    const assertions: CriterionSuggestion['assertions'] = [];
    for (const proposal of Array.isArray(entry.assertions) ? (entry.assertions as Array<Record<string, unknown>>) : []) {
      const spec = { type: String(proposal?.type ?? ''), parameters: (proposal?.parameters ?? {}) as Record<string, unknown> };
      if (compileAssertion(spec).ok) assertions.push({ name: typeof proposal.name === 'string' ? proposal.name.slice(0, 120) : spec.type, assertion: spec });
    }
    suggestions.push({ name: entry.name.trim().slice(0, 120), definition: typeof entry.definition === 'string' ? entry.definition.slice(0, 4000) : '', assertions });
  }
  return suggestions;
}

/** "Suggest criteria": asks the configured model for criteria and candidate assertions from the task's reviewed items. */
export async function suggestCriteria(context: AppContext, projectId: string, request: z.output<typeof suggestRequestSchema>): Promise<CriterionSuggestion[]> {
  const model = request.model ?? context.config.checks.suggestModel ?? context.config.checks.judgeModel;
  if (model === undefined) throw new HttpError(409, 'no model to ask: set checks.suggestModel or checks.judgeModel in the config', 'conflict_error', 'model');
  const messages = await suggestionPrompt(context, projectId, request.task, request.items);
  const services = checkServices(context);
  try {
    const response = await callWithRetry(() => services.models(projectId).complete({ model, messages, json: true, temperature: 0.2, maxTokens: 2000, purpose: { kind: 'suggest-criteria', task: request.task } }), services.policy);
    return readSuggestions(response.text);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(502, `the model did not answer: ${(error as Error).message}`, 'upstream_error', 'model');
  }
}
