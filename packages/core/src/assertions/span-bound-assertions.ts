import { z } from 'zod';
import { defineAssertion, evaluationError, verdict } from './assertion-definition.js';

/** Passes when the call took at most `maxMs` milliseconds. */
export const latencyAssertion = defineAssertion({
  id: 'latency',
  label: 'Latency bound',
  description: 'The call took at most maxMs milliseconds.',
  parametersSchema: z.strictObject({ maxMs: z.number().positive() }),
  valueType: 'number',
  needsModel: false,
  run(subject, { maxMs }) {
    if (subject.latencyMs === null) return evaluationError('the span has no latency (no end time)');
    return subject.latencyMs <= maxMs ? verdict(true, undefined, subject.latencyMs) : verdict(false, `${Math.round(subject.latencyMs)} ms, above ${maxMs}`, subject.latencyMs);
  },
});

/** Passes when the call cost at most `maxUsd` dollars. */
export const costAssertion = defineAssertion({
  id: 'cost',
  label: 'Cost bound',
  description: 'The call cost at most maxUsd US dollars.',
  parametersSchema: z.strictObject({ maxUsd: z.number().nonnegative() }),
  valueType: 'number',
  needsModel: false,
  run(subject, { maxUsd }) {
    if (subject.costUsd === null) return evaluationError('the span has no cost (unknown model price)');
    return subject.costUsd <= maxUsd ? verdict(true, undefined, subject.costUsd) : verdict(false, `$${subject.costUsd.toPrecision(3)}, above $${maxUsd}`, subject.costUsd);
  },
});
