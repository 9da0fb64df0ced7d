import type { AssertionSubject } from '../assertions/assertion-subject.js';
import type { ModelMessage } from '../models/model-client.js';

/** How a judge grades: pass/fail, or a score from 1 to 5 compared to a threshold. */
export type JudgeScale = 'pass-fail' | 'score';

/** What a judge prompt is built from. */
export interface JudgeRubric {
  rubric: string;
  scale: JudgeScale;
  includeInput: boolean;
  includeExpected: boolean;
}

/** Characters of each of input, output and expected output shown to a judge at most. */
export const judgeTextLimit = 12_000;

const clip = (text: string) => (text.length > judgeTextLimit ? `${text.slice(0, judgeTextLimit)}\n[… ${text.length - judgeTextLimit} more characters cut]` : text);

/** The answer format each scale asks for, as data. */
const answerFormats: Record<JudgeScale, string> = {
  'pass-fail': 'Answer with one JSON object and nothing else: {"reason": "<one or two sentences>", "verdict": "pass" | "fail"}.',
  score: 'Answer with one JSON object and nothing else: {"reason": "<one or two sentences>", "score": <a whole number from 1 (fails the criterion badly) to 5 (meets it fully)>}.',
};

/** The messages that ask a model to grade one output against a rubric. */
export function buildJudgeMessages(rubric: JudgeRubric, subject: AssertionSubject): ModelMessage[] {
  const system = [
    'You grade one output of an LLM application against a criterion. Read the criterion, then the material, and judge only that criterion.',
    'Give your reason first, briefly, then the grade.',
    answerFormats[rubric.scale],
  ].join('\n');
  const parts = [`<criterion>\n${rubric.rubric}\n</criterion>`];
  if (rubric.includeInput) parts.push(`<input>\n${clip(subject.inputText)}\n</input>`);
  parts.push(`<output>\n${clip(subject.outputText)}\n</output>`);
  if (rubric.includeExpected && subject.expected !== null) parts.push(`<expected_output>\n${clip(subject.expected)}\n</expected_output>`);
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
