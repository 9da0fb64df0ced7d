import type { OnlineRule } from '@genchi/spec';

/** What saving a new check does about online evaluation, given the task's rule and whether it should run online. */
export interface OnlinePlan {
  /** Whether the check is saved enabled (a rule running every enabled check runs it otherwise). */
  enabled: boolean;
  /** The change to the task's rule: create the default one, add the check to its list, turn a paused rule back on, or none. */
  rule: 'create' | 'add' | 'resume' | 'none';
  /** The words beside the checkbox. */
  label: string;
}

/**
 * How a new check reaches (or stays off) production traffic: without a rule, one is made; a rule
 * that lists its checks gets this one; a rule that runs every enabled check runs it, so a check kept
 * off is saved disabled (a candidate, still aligned); a paused rule is turned back on.
 */
export function onlinePlan(task: string, rule: OnlineRule | null, online: boolean): OnlinePlan {
  if (rule === null) return { enabled: true, rule: online ? 'create' : 'none', label: `run it online: turn on online evaluation of new production spans of ${task}` };
  if (!rule.enabled) return { enabled: true, rule: online ? 'resume' : 'none', label: `run it online (turns the paused rule of ${task} back on)` };
  if (rule.checkIds.length === 0) {
    return { enabled: online, rule: 'none', label: `run it online (the rule of ${task} runs every enabled check; left unchecked, the check is saved disabled)` };
  }
  return { enabled: true, rule: online ? 'add' : 'none', label: `run it online (adds it to the checks the rule of ${task} runs)` };
}

/** Whether a check runs online under a rule. */
export function runsOnline(rule: OnlineRule | null, check: { id: string; enabled: boolean }): boolean {
  return rule !== null && rule.enabled && check.enabled && (rule.checkIds.length === 0 || rule.checkIds.includes(check.id));
}
