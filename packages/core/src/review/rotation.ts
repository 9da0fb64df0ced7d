import type { OnCall, Rotation } from '@genchi/spec';
import { addDays, daysBetween } from '../time/zoned-day.js';

type RotationPlan = Pick<Rotation, 'reviewers' | 'startDay' | 'shiftDays'>;

/** The reviewer on call on a day, or null without reviewers or before the rotation starts. */
export function reviewerOnDay(rotation: RotationPlan | null, day: string): string | null {
  if (rotation === null || rotation.reviewers.length === 0) return null;
  const elapsed = daysBetween(rotation.startDay, day);
  if (elapsed < 0) return null;
  const shift = Math.floor(elapsed / rotation.shiftDays);
  return rotation.reviewers[shift % rotation.reviewers.length] ?? null;
}

/** Who is on call on a day and who takes over next (and when). */
export function onCallOn(rotation: RotationPlan | null, day: string): OnCall {
  const reviewer = reviewerOnDay(rotation, day);
  if (rotation === null || rotation.reviewers.length === 0) return { day, reviewer, next: null };
  const elapsed = daysBetween(rotation.startDay, day);
  const nextDay = elapsed < 0 ? rotation.startDay : addDays(rotation.startDay, (Math.floor(elapsed / rotation.shiftDays) + 1) * rotation.shiftDays);
  const nextReviewer = reviewerOnDay(rotation, nextDay);
  return { day, reviewer, next: nextReviewer === null ? null : { day: nextDay, reviewer: nextReviewer } };
}
