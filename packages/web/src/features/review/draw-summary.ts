import type { SampleOutcome } from '@genchi/spec';

/**
 * One line on what drawing a day's sample did, per task. A day without calls says so and when the
 * calls that are coming in now will be drawn (a new user's first day has nothing to draw yet).
 */
export function drawSummary(day: string, outcomes: readonly SampleOutcome[]): string {
  if (outcomes.length === 0) return `${day}: no enabled rule`;
  const parts = outcomes.map((outcome) => {
    if (outcome.alreadyDrawn) return `${outcome.task}: already drawn`;
    if (outcome.candidates === 0) return `${outcome.task}: no calls that day`;
    return `${outcome.task}: ${outcome.drawn} of ${outcome.candidates}`;
  });
  const nothing = outcomes.every((outcome) => !outcome.alreadyDrawn && outcome.candidates === 0);
  return `${day}: ${parts.join(' · ')}${nothing ? ' (today’s calls are drawn tomorrow)' : ''}`;
}
