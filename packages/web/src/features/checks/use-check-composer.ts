import type { AssertionTypeInfo, Check, CheckAlignment, Criterion, FailureMode, OnlineRule } from '@genchi/spec';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/use-api.js';
import type { CheckDraft } from './check-draft.js';
import { assertionOfForm, formOfDraft, formProblems, gateOfForm, type CheckFormState } from './check-editor.js';
import { createCheck, criterionOfChoice, onlineRuleOf, previewCheck, runOnline } from './checks-api.js';
import { criterionOptions, labelSource, optionForMode } from './criterion-choice.js';
import { choiceOfPick, type CriterionPick } from './criterion-picker.js';
import { onlinePlan, runsOnline } from './online-plan.js';
import { missingParameters } from './parameter-fields.js';

/** A preview's answer with the words for its grades, numbered so that each new one starts its view afresh. */
export interface PreviewResult {
  result: CheckAlignment;
  grades: string;
  round: number;
}

/** A saved check, the criterion it implements, and the task's online rule when the check runs under it. */
export interface SavedCheck {
  check: Check;
  criterion: Criterion | null;
  online: OnlineRule | null;
}

/**
 * The state of the "make a check" form: the drafts offered, the form, the criterion picked, the
 * preview, and the actions (preview, save); a new criterion (from a failure mode, or named) is made
 * when the check is first previewed or saved.
 */
export function useCheckComposer(task: string, drafts: CheckDraft[], types: AssertionTypeInfo[] | undefined, criterionId?: string) {
  const criteria = useApi<{ data: Criterion[] }>(`/v1/checks/criteria?task=${encodeURIComponent(task)}`);
  const modes = useApi<{ data: FailureMode[] }>(`/v1/review/failure-modes?task=${encodeURIComponent(task)}`);
  const [draftId, setDraftId] = useState<string | null>(drafts[0]?.id ?? null);
  const [form, setForm] = useState<CheckFormState>(() => formOfDraft(drafts[0], 0));
  const [pick, setPick] = useState<CriterionPick | null>(null);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedCheck | null>(null);
  const [online, setOnline] = useState(drafts[0]?.assertion.type !== 'llm-judge');
  // The task's online rule (null: none), which decides what "run it online" does.
  const [rule, setRule] = useState<OnlineRule | null | undefined>(undefined);
  useEffect(() => {
    onlineRuleOf(task).then(setRule, () => setRule(null));
  }, [task]);

  const criterionList = useMemo(() => criteria.data?.data ?? [], [criteria.data]);
  const modeList = useMemo(() => modes.data?.data ?? [], [modes.data]);
  const options = useMemo(() => criterionOptions(criterionList, modeList), [criterionList, modeList]);
  const ready = criteria.data !== undefined && modes.data !== undefined && rule !== undefined;
  const plan = onlinePlan(task, rule ?? null, online);

  useEffect(() => {
    if (!ready || pick !== null) return;
    const draft = drafts.find((entry) => entry.id === draftId);
    const given = options.find((option) => option.value === `criterion:${criterionId}`);
    setPick({ value: given?.value ?? optionForMode(options, criterionList, draft?.failureModeId), name: '', definition: '' });
  }, [ready, pick, drafts, draftId, options, criterionList, criterionId]);

  const chooseDraft = useCallback(
    (draft: CheckDraft) => {
      setDraftId(draft.id);
      setForm((current) => formOfDraft(draft, current.revision + 1));
      setPick((current) => ({ name: current?.name ?? '', definition: current?.definition ?? '', value: optionForMode(options, criterionList, draft.failureModeId) }));
      setPreview(null);
      setOnline(draft.assertion.type !== 'llm-judge');
    },
    [options, criterionList],
  );

  const choice = pick === null ? ({ kind: 'none' } as const) : choiceOfPick(options, pick);
  const schema = types?.find((type) => type.id === form.type)?.parameters;
  const problems = [
    ...missingParameters(schema, form.parameters).map((name) => `${name}: required`),
    ...formProblems(form, false),
    ...(choice.kind === 'new' && choice.name === '' ? ['criterion: give the new criterion a name'] : []),
  ];

  /** The criterion picked, made first when it is new; the picker then names it. */
  const resolveCriterion = useCallback(async (): Promise<Criterion | null> => {
    if (choice.kind === 'existing') return criterionList.find((entry) => entry.id === choice.criterionId) ?? criterionOfChoice(task, choice);
    const criterion = await criterionOfChoice(task, choice);
    if (criterion !== null) {
      setPick({ value: `criterion:${criterion.id}`, name: '', definition: '' });
      setMessage(`Criterion "${criterion.name}" made${choice.kind === 'from-failure-mode' ? ' from the failure mode' : ''}.`);
      criteria.setData({ data: [...criterionList, criterion] });
    }
    return criterion;
  }, [task, choice, criteria, criterionList]);

  const runPreview = useCallback(async () => {
    if (problems.length > 0 || busy !== null) return;
    setBusy('preview');
    setMessage(null);
    try {
      const criterion = await resolveCriterion();
      const result = await previewCheck(task, assertionOfForm(form), criterion?.id ?? null);
      const grades = labelSource(criterion === null ? { kind: 'none' } : { kind: 'existing', criterionId: criterion.id }, [...criterionList, ...(criterion ? [criterion] : [])], modeList);
      setPreview((current) => ({ result, grades, round: (current?.round ?? 0) + 1 }));
    } catch (failure) {
      setMessage(`Preview failed: ${(failure as Error).message}`);
    } finally {
      setBusy(null);
    }
  }, [form, busy, problems.length, resolveCriterion, task, criterionList, modeList]);

  const save = useCallback(async () => {
    const gate = gateOfForm(form);
    if (problems.length > 0 || form.name.trim() === '' || busy !== null || 'problem' in gate) {
      if (form.name.trim() === '') setMessage('Give the check a name before saving it.');
      return;
    }
    setBusy('save');
    setMessage(null);
    try {
      const criterion = await resolveCriterion();
      const check = await createCheck({
        task,
        name: form.name.trim(),
        assertion: assertionOfForm(form),
        ...(criterion === null ? {} : { criterionId: criterion.id }),
        ...(gate.gate === null ? {} : { gate: gate.gate }),
        enabled: plan.enabled,
      });
      const after = plan.rule === 'none' ? (rule ?? null) : await runOnline(task, check.id);
      setSaved({ check, criterion, online: runsOnline(after, check) ? after : null });
    } catch (failure) {
      setMessage(`Not saved: ${(failure as Error).message}`);
    } finally {
      setBusy(null);
    }
  }, [form, busy, problems.length, resolveCriterion, task, plan.enabled, plan.rule, rule]);

  return {
    ready,
    loadError: criteria.error ?? modes.error,
    modes: modeList,
    criteria: criterionList,
    options,
    draftId,
    chooseDraft,
    form,
    setForm,
    pick,
    setPick,
    choice,
    problems,
    preview,
    busy,
    message,
    saved,
    online,
    setOnline,
    plan,
    runPreview,
    save,
  };
}
