import { hash32 } from '@genchi/core';
import type { VariantConfig } from '@genchi/spec';

/** Who a request is for, as far as sticky assignment cares. */
export interface AssignmentSubject {
  userId?: string;
  sessionId?: string;
}

/** A variant chosen for a request and what the choice was sticky to. */
export interface VariantAssignment {
  variant: VariantConfig;
  /** `user` and `session` assignments repeat for the same id; `random` ones are drawn per request. */
  stickyBy: 'user' | 'session' | 'random';
}

/** A number in [0, 1) fixed by the task and the id, so that a user keeps their variant for as long as the split stays the same. */
export function stickyFraction(task: string, id: string): number {
  return hash32(`${task}\u0000${id}`) / 4_294_967_296;
}

/** The variant at a fraction of the total weight. */
function variantAt(variants: readonly VariantConfig[], fraction: number): VariantConfig {
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  let point = fraction * total;
  for (const variant of variants) {
    if (variant.weight === 0) continue;
    if (point < variant.weight) return variant;
    point -= variant.weight;
  }
  return variants.findLast((variant) => variant.weight > 0) ?? (variants[0] as VariantConfig);
}

/** Picks a variant by weight, sticky by user id, else session id, else at random per request. */
export function assignVariant(
  task: string,
  variants: readonly VariantConfig[],
  subject: AssignmentSubject,
  random: () => number = Math.random,
): VariantAssignment | null {
  if (variants.length === 0) return null;
  if (subject.userId !== undefined) return { variant: variantAt(variants, stickyFraction(task, `user:${subject.userId}`)), stickyBy: 'user' };
  if (subject.sessionId !== undefined) {
    return { variant: variantAt(variants, stickyFraction(task, `session:${subject.sessionId}`)), stickyBy: 'session' };
  }
  return { variant: variantAt(variants, random()), stickyBy: 'random' };
}
