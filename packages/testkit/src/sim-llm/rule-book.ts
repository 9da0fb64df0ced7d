import type { IncomingHttpHeaders } from 'node:http';
import type { SimReply, SimRule, SimRuleMatch } from './types.js';

/** What a rule can look at in a request. */
export interface RuleInput {
  model: string;
  lastUserText: string;
  systemText: string;
  headers: IncomingHttpHeaders;
}

type Predicate = (input: RuleInput) => boolean;

interface CompiledRule {
  predicates: readonly Predicate[];
  reply: SimReply;
  remaining: number;
}

/** An ordered list of scripted rules, compiled once; the first match wins and uses count down. */
export class RuleBook {
  #rules: CompiledRule[] = [];

  /** Replaces every rule. */
  set(rules: readonly SimRule[]): void {
    this.#rules = rules.filter(isUsable).map(compileRule);
  }

  /** Appends one rule after the existing ones. */
  add(rule: SimRule): void {
    if (isUsable(rule)) this.#rules.push(compileRule(rule));
  }

  /** Returns the reply of the first rule matching the input, consuming one of its uses. */
  take(input: RuleInput): SimReply | undefined {
    const rules = this.#rules;
    for (let index = 0; index < rules.length; index += 1) {
      const rule = rules[index];
      if (rule === undefined || !rule.predicates.every((predicate) => predicate(input))) continue;
      rule.remaining -= 1;
      if (rule.remaining <= 0) rules.splice(index, 1);
      return rule.reply;
    }
    return undefined;
  }
}

function isUsable(rule: SimRule): boolean {
  return rule.times === undefined || rule.times > 0;
}

function compileRule(rule: SimRule): CompiledRule {
  const remaining = rule.times ?? Infinity;
  return { predicates: compileMatch(rule.match ?? {}), reply: rule.reply, remaining };
}

function compileMatch(match: SimRuleMatch): Predicate[] {
  const predicates: Predicate[] = [];
  if (match.model !== undefined) {
    const model = match.model;
    predicates.push(
      typeof model === 'string' ? (input) => input.model === model : textPredicate(model, (input) => input.model),
    );
  }
  if (match.contains !== undefined) predicates.push(textPredicate(match.contains, (input) => input.lastUserText));
  if (match.system !== undefined) predicates.push(textPredicate(match.system, (input) => input.systemText));
  for (const [name, value] of Object.entries(match.header ?? {})) {
    const key = name.toLowerCase();
    predicates.push((input) => input.headers[key] === value);
  }
  return predicates;
}

function textPredicate(pattern: string | RegExp, pick: (input: RuleInput) => string): Predicate {
  if (typeof pattern === 'string') return (input) => pick(input).includes(pattern);
  // A global or sticky RegExp keeps state between tests; a stateless copy matches the same texts.
  const regex = pattern.global || pattern.sticky ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : pattern;
  return (input) => regex.test(pick(input));
}
