import { summarizeZodError, type AssertionSpec, type AssertionTypeInfo } from '@genchi/spec';
import { z } from 'zod';
import type { AssertionContext, AssertionDefinition, AssertionOutcome } from './assertion-definition.js';
import type { AssertionSubject } from './assertion-subject.js';
import { customCodeAssertion } from './custom-code.js';
import { judgeAssertion } from './judge-assertion.js';
import { jsonShapeAssertion } from './json-shape.js';
import { casingAssertion, lengthAssertion } from './length-assertions.js';
import { piiAssertion } from './pii.js';
import { refusalAssertion } from './refusal.js';
import { similarityAssertion } from './similarity.js';
import { costAssertion, latencyAssertion } from './span-bound-assertions.js';
import { isJsonAssertion, isXmlAssertion, isYamlAssertion, jsonSchemaAssertion } from './structure-assertions.js';
import { containsAssertion, equalsAssertion, notContainsAssertion, regexAssertion, startsWithAssertion } from './text-assertions.js';

/** Every assertion type genchi knows, as data; a new type adds an entry. */
export const assertionTypes: readonly AssertionDefinition[] = [
  isJsonAssertion,
  jsonSchemaAssertion,
  jsonShapeAssertion,
  isXmlAssertion,
  isYamlAssertion,
  regexAssertion,
  containsAssertion,
  notContainsAssertion,
  equalsAssertion,
  startsWithAssertion,
  lengthAssertion,
  casingAssertion,
  similarityAssertion,
  latencyAssertion,
  costAssertion,
  refusalAssertion,
  piiAssertion,
  customCodeAssertion,
  judgeAssertion,
] as readonly AssertionDefinition[];

const byId = new Map(assertionTypes.map((definition) => [definition.id, definition]));

/** An assertion type by id, or undefined. */
export function assertionTypeById(id: string): AssertionDefinition | undefined {
  return byId.get(id);
}

/** An assertion ready to run: its type and parsed (compiled) parameters. */
export interface CompiledAssertion {
  type: string;
  definition: AssertionDefinition;
  /** Runs on one subject; a throw inside the assertion becomes an `error` outcome, never a rejection. */
  evaluate(subject: AssertionSubject, context: AssertionContext): AssertionOutcome | Promise<AssertionOutcome>;
}

const thrown = (error: unknown): AssertionOutcome => ({ status: 'error', reason: `the assertion failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 2000) });

/** Checks an assertion's type and parameters and prepares it to run; a problem is a sentence naming the field. */
export function compileAssertion(spec: AssertionSpec): { ok: true; assertion: CompiledAssertion } | { ok: false; problem: string } {
  const definition = byId.get(spec.type);
  if (definition === undefined) return { ok: false, problem: `unknown assertion type ${spec.type}; known: ${assertionTypes.map((type) => type.id).join(', ')}` };
  const parsed = definition.parametersSchema.safeParse(spec.parameters);
  if (!parsed.success) return { ok: false, problem: summarizeZodError(parsed.error, 'parameters', 3) };
  const parameters = parsed.data;
  return {
    ok: true,
    assertion: {
      type: spec.type,
      definition,
      evaluate(subject, context) {
        try {
          const outcome = definition.run(subject, parameters, context);
          return outcome instanceof Promise ? outcome.catch(thrown) : outcome;
        } catch (error) {
          return thrown(error);
        }
      },
    },
  };
}

/** The registry as the API lists it: ids, labels, value types and parameters as JSON Schema. */
export function describeAssertionTypes(): AssertionTypeInfo[] {
  return assertionTypes.map((definition) => ({
    id: definition.id,
    label: definition.label,
    description: definition.description,
    valueType: definition.valueType,
    needsModel: definition.needsModel,
    parameters: z.toJSONSchema(definition.parametersSchema, { io: 'input', unrepresentable: 'any' }),
  }));
}
