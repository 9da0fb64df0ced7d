import type { SpanRecord } from '@genchi/core';
import type { AssertionSpec, Check, CheckChange, CheckGate, Criterion, CriterionChange, CriterionVersion, OnlineRule, SpanKind } from '@genchi/spec';

/** A check to store. */
export interface NewCheck {
  task: string;
  criterionId: string | null;
  name: string;
  assertion: AssertionSpec;
  enabled: boolean;
  gate: CheckGate | null;
}

/** An online rule with the feed position its job has read up to. */
export interface OnlineRuleState {
  rule: OnlineRule;
  /** Feed position of the last span read (0 before the first run). */
  position: number;
}

/** Which spans a feed read returns. */
export interface SpanFeedQuery {
  task: string;
  /** Null for every environment but `eval` (genchi's own calls are never evaluated online). */
  environment: string | null;
  kind: SpanKind;
  limit: number;
}

/** The definitions behind assertions and judges (criteria, checks, online rules) and the span feed their jobs read. */
export interface CheckStore {
  /** A task's criteria (every task's when none is named), in the order they were added. */
  listCriteria(projectId: string, task?: string): Promise<Criterion[]>;
  /** One criterion, or null. */
  getCriterion(projectId: string, id: string): Promise<Criterion | null>;
  /** Adds a criterion at version 1; StorageConflictError when its task has one of that name. */
  createCriterion(projectId: string, criterion: { task: string; name: string; definition: string; failureModeId: string | null }, now: number): Promise<Criterion>;
  /** Renames, redefines (a new version) or archives a criterion; null when there is none. */
  updateCriterion(projectId: string, id: string, change: CriterionChange, now: number): Promise<Criterion | null>;
  /** Every version of a criterion, oldest first. */
  criterionVersions(projectId: string, id: string): Promise<CriterionVersion[]>;

  /** Checks of a task or criterion (all when neither is named), oldest first. */
  listChecks(projectId: string, filter: { task?: string; criterionId?: string }): Promise<Check[]>;
  /** One check, or null. */
  getCheck(projectId: string, id: string): Promise<Check | null>;
  /** Stores a check at version 1. */
  createCheck(projectId: string, check: NewCheck, now: number): Promise<Check>;
  /** Changes a check; a new assertion makes a new version. Null when there is none. */
  updateCheck(projectId: string, id: string, change: CheckChange, now: number): Promise<Check | null>;
  /** Removes a check (its scores stay); true when there was one. */
  deleteCheck(projectId: string, id: string): Promise<boolean>;

  /** Every task's online rule with its position. */
  listOnlineRules(projectId: string): Promise<OnlineRuleState[]>;
  /** One task's online rule with its position, or null. */
  getOnlineRule(projectId: string, task: string): Promise<OnlineRuleState | null>;
  /**
   * Creates or replaces a task's rule; a new rule starts at `startPosition` (so that it evaluates
   * what arrives from now on), a replaced one keeps its position.
   */
  putOnlineRule(projectId: string, rule: Omit<OnlineRule, 'updatedAt' | 'processed' | 'lastRunAt'>, startPosition: number, now: number): Promise<OnlineRule>;
  /** Removes a task's rule; true when there was one. */
  deleteOnlineRule(projectId: string, task: string): Promise<boolean>;
  /** Moves a rule's position from `from` to `to`; false (and nothing changes) when its position is no longer `from`. */
  advanceOnlineRule(projectId: string, task: string, move: { from: number; to: number; processed: number; now: number }): Promise<boolean>;

  /** The feed position of the newest stored span of a project (0 when none). */
  latestSpanPosition(projectId: string): Promise<number>;
  /** Spans stored after a feed position (up to `through`), in the order they were stored, with the bodies assertions read. */
  spansAfter(projectId: string, position: number, through: number, query: SpanFeedQuery): Promise<{ spans: SpanRecord[]; position: number }>;
  /** Spans whose online check failed (scores created in the window by rules that feed the review). */
  failingSpanIds(projectId: string, window: { from: number; to: number }): Promise<Set<string>>;
  /** Spans of a task that started in a window, newest first, with the bodies assertions read. */
  spansInWindow(projectId: string, window: { from: number; to: number }, query: SpanFeedQuery): Promise<SpanRecord[]>;
}
