// Long file: adoption, implementation plan, progress and the report over them are one outcome
// record's lifecycle, each step checking the previous one's shape.
import type { ConsultationAct } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { assertLocalDate } from './days.js';
import {
  actText,
  checkNotBefore,
  checkPositive,
  checkRange,
  checkText,
  duplicateIds,
  type OutcomeIssueCode,
  roleNotAllowed,
} from './errors.js';
import type { ActContext } from './stages.js';
import {
  ADOPTION_DECISION_LABELS,
  type AdoptionDecision,
  type Consultation,
  type ConsultationEvent,
  type Evidence,
  type ImplementationTask,
  type ItemImplementation,
  type ProposalAddressee,
  type ProposalItem,
} from './types.js';

/**
 * Outcomes 成果运用 (seed 1): the consultation proposal 协商建议书 goes to the party committee and
 * government, which decide on each item; adopted items are carried out and tracked until done,
 * with progress that rolls up from weighted sub-tasks.
 */

function checkAct(
  consultation: Consultation,
  act: ConsultationAct,
  context: ActContext,
): Issue<OutcomeIssueCode>[] {
  assertLocalDate(context.on, 'on');
  const issues: Issue<OutcomeIssueCode>[] = [];
  if (consultation.status !== 'completed' || consultation.proposal === null) {
    issues.push(
      issue(
        'CONSULTATION_NOT_COMPLETED',
        {
          zh: `协商“${consultation.id}”尚未上报协商成果，不能${actText(act).zh}`,
          en: `consultation "${consultation.id}" has not reported its outcomes; cannot ${actText(act).en}`,
        },
        ['status'],
        { status: consultation.status },
      ),
    );
  }
  const allowed = context.rules.stages.roles[act];
  if (!allowed.includes(context.by.role)) issues.push(roleNotAllowed(actText(act), context.by.role, allowed));
  issues.push(...checkNotBefore(context.on, consultation.events.at(-1)?.on));
  return issues;
}

function findItem(consultation: Consultation, itemId: string): ProposalItem | undefined {
  return consultation.proposal?.items.find((i) => i.id === itemId);
}

function unknownItem(itemId: string): Issue<'CONSULTATION_UNKNOWN_ITEM'> {
  return issue(
    'CONSULTATION_UNKNOWN_ITEM',
    { zh: `协商建议书中没有编号为“${itemId}”的建议`, en: `the proposal has no item "${itemId}"` },
    ['itemId'],
    { itemId },
  );
}

function append(
  consultation: Consultation,
  event: ConsultationEvent,
  changes: Partial<Consultation>,
): Consultation {
  return { ...consultation, ...changes, events: [...consultation.events, event] };
}

/** The decision on one proposal item. */
export interface AdoptionInput {
  readonly itemId: string;
  readonly decision: AdoptionDecision;
  /** Why an item is not (or only partly) adopted; required for `not_adopted` when the profile says so. */
  readonly reason?: string;
}

/**
 * Records the party committee's or government's decision on one item of the proposal (供党委、
 * 政府决策参考). Refuses before the outcomes are reported, an unknown item, an item already
 * decided, the wrong role, a date before the previous event, and a refusal without reason.
 *
 * @example
 * const next = decideAdoption(consultation, { itemId: 'P1', decision: 'adopted' }, {
 *   by: townshipHead, on: '2026-05-20' as LocalDate, rules: referenceProfile.consultation,
 * });
 */
export function decideAdoption(
  consultation: Consultation,
  input: AdoptionInput,
  context: ActContext,
): Result<Consultation, OutcomeIssueCode> {
  const issues = checkAct(consultation, 'decide_adoption', context);
  if (consultation.proposal !== null && findItem(consultation, input.itemId) === undefined) {
    issues.push(unknownItem(input.itemId));
  }
  const previous = consultation.adoptions.find((a) => a.itemId === input.itemId);
  if (previous !== undefined) {
    issues.push(
      issue(
        'CONSULTATION_ADOPTION_ALREADY_DECIDED',
        {
          zh: `建议“${input.itemId}”已于 ${previous.on} 作出“${ADOPTION_DECISION_LABELS[previous.decision].zh}”决定`,
          en: `item "${input.itemId}" was already decided on ${previous.on}: ${ADOPTION_DECISION_LABELS[previous.decision].en}`,
        },
        ['itemId'],
        { itemId: input.itemId, decision: previous.decision, on: previous.on },
      ),
    );
  }
  const blank = input.reason === undefined || input.reason.trim() === '';
  if (input.decision === 'not_adopted' && context.rules.adoption.requireReasonWhenNotAdopted && blank) {
    issues.push(
      issue(
        'CONSULTATION_ADOPTION_REASON_REQUIRED',
        {
          zh: `未采纳建议“${input.itemId}”须向协商小组说明理由`,
          en: `declining item "${input.itemId}" needs a reason for the consultation group`,
        },
        ['reason'],
        { itemId: input.itemId },
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const { by, on } = context;
  const adoption = {
    itemId: input.itemId,
    decision: input.decision,
    on,
    by,
    ...(blank ? {} : { reason: input.reason! }),
  };
  return ok(
    append(
      consultation,
      { type: 'adoption_decided', itemId: input.itemId, decision: input.decision, on, by },
      { adoptions: [...consultation.adoptions, adoption] },
    ),
  );
}

/** A task of an implementation plan as entered; weight defaults to 1. */
export interface TaskInput {
  readonly id: string;
  readonly title: string;
  readonly weight?: number;
  readonly dueOn?: LocalDate;
  readonly subTasks?: readonly TaskInput[];
}

export interface ImplementationInput {
  readonly itemId: string;
  /** The responsible unit, e.g. 镇建设办. */
  readonly owner: string;
  readonly dueOn?: LocalDate;
  readonly tasks: readonly TaskInput[];
}

/**
 * Plans how an adopted (or partly adopted) item is carried out: the responsible unit and a tree
 * of weighted tasks. Refuses an item not adopted or not yet decided, a second plan, task ids used
 * twice, weights that are not positive and empty titles.
 *
 * @example
 * planImplementation(consultation, {
 *   itemId: 'P1', owner: '镇建设办', dueOn: '2026-12-31' as LocalDate,
 *   tasks: [{ id: 'design', title: '管网设计', weight: 1 }, { id: 'build', title: '管网施工', weight: 3 }],
 * }, { by: townshipHead, on: '2026-05-25' as LocalDate, rules });
 */
export function planImplementation(
  consultation: Consultation,
  input: ImplementationInput,
  context: ActContext,
): Result<Consultation, OutcomeIssueCode> {
  const issues = checkAct(consultation, 'plan_implementation', context);
  const item = findItem(consultation, input.itemId);
  if (consultation.proposal !== null && item === undefined) issues.push(unknownItem(input.itemId));
  const adoption = consultation.adoptions.find((a) => a.itemId === input.itemId);
  if (item !== undefined && (adoption === undefined || adoption.decision === 'not_adopted')) {
    issues.push(
      issue(
        'CONSULTATION_ITEM_NOT_ADOPTED',
        adoption === undefined
          ? {
              zh: `建议“${input.itemId}”尚未作出采纳决定，不能制定落实计划`,
              en: `item "${input.itemId}" has no adoption decision yet; its implementation cannot be planned`,
            }
          : {
              zh: `建议“${input.itemId}”未被采纳，无需制定落实计划`,
              en: `item "${input.itemId}" was not adopted; there is nothing to implement`,
            },
        ['itemId'],
        { itemId: input.itemId, decision: adoption?.decision ?? null },
      ),
    );
  }
  if (consultation.implementations.some((i) => i.itemId === input.itemId)) {
    issues.push(
      issue(
        'CONSULTATION_IMPLEMENTATION_EXISTS',
        {
          zh: `建议“${input.itemId}”已有落实计划`,
          en: `item "${input.itemId}" already has an implementation plan`,
        },
        ['itemId'],
        { itemId: input.itemId },
      ),
    );
  }
  issues.push(...checkText(input.owner, { zh: '责任单位', en: 'the responsible unit' }, ['owner']));
  if (input.dueOn !== undefined) assertLocalDate(input.dueOn, 'dueOn');
  if (input.tasks.length === 0) {
    issues.push(...checkText('', { zh: '落实任务', en: 'the task list' }, ['tasks']));
  }
  const ids: string[] = [];
  const paths: (string | number)[][] = [];
  const walk = (tasks: readonly TaskInput[], path: (string | number)[]): void => {
    tasks.forEach((t, i) => {
      const here = [...path, i];
      ids.push(t.id);
      paths.push([...here, 'id']);
      issues.push(...checkText(t.id, { zh: '任务编号', en: 'the task id' }, [...here, 'id']));
      issues.push(...checkText(t.title, { zh: '任务名称', en: 'the task title' }, [...here, 'title']));
      if (t.weight !== undefined) {
        issues.push(
          ...checkPositive(t.weight, { zh: '任务权重', en: 'the task weight' }, [...here, 'weight']),
        );
      }
      if (t.dueOn !== undefined) assertLocalDate(t.dueOn, 'dueOn');
      walk(t.subTasks ?? [], [...here, 'subTasks']);
    });
  };
  walk(input.tasks, ['tasks']);
  issues.push(...duplicateIds(ids, { zh: '任务', en: 'task' }, (i) => paths[i]!));
  if (issues.length > 0) return fail(issues);
  const build = (t: TaskInput): ImplementationTask => ({
    id: t.id,
    title: t.title,
    weight: t.weight ?? 1,
    progress: 0,
    evidence: [],
    subTasks: (t.subTasks ?? []).map(build),
    ...(t.dueOn === undefined ? {} : { dueOn: t.dueOn }),
  });
  const { by, on } = context;
  const implementation: ItemImplementation = {
    itemId: input.itemId,
    owner: input.owner,
    plannedOn: on,
    tasks: input.tasks.map(build),
    ...(input.dueOn === undefined ? {} : { dueOn: input.dueOn }),
  };
  return ok(
    append(
      consultation,
      { type: 'implementation_planned', itemId: input.itemId, on, by },
      { implementations: [...consultation.implementations, implementation] },
    ),
  );
}

export interface ProgressInput {
  readonly itemId: string;
  /** A task without sub-tasks: the progress of the others is derived. */
  readonly taskId: string;
  /** 0–100. */
  readonly progress: number;
  readonly evidence?: readonly Evidence[];
}

/**
 * Records the progress of one task without sub-tasks. Reaching 100 completes it and needs
 * evidence (given now or before). Refuses an item without a plan, an unknown task, a task whose
 * progress comes from sub-tasks, a completed task, progress outside 0–100.
 *
 * @example
 * recordProgress(consultation, { itemId: 'P1', taskId: 'design', progress: 100,
 *   evidence: [{ title: '管网设计批复', reference: '镇建〔2026〕12号' }] },
 *   { by: townshipHead, on: '2026-07-01' as LocalDate, rules });
 */
export function recordProgress(
  consultation: Consultation,
  input: ProgressInput,
  context: ActContext,
): Result<Consultation, OutcomeIssueCode> {
  const issues = checkAct(consultation, 'record_progress', context);
  issues.push(...checkRange(input.progress, 0, 100, { zh: '进度', en: 'progress' }, ['progress']));
  const at = consultation.implementations.findIndex((i) => i.itemId === input.itemId);
  const implementation = consultation.implementations[at];
  if (implementation === undefined) {
    issues.push(
      issue(
        'CONSULTATION_IMPLEMENTATION_NOT_PLANNED',
        {
          zh: `建议“${input.itemId}”尚无落实计划，不能填报进度`,
          en: `item "${input.itemId}" has no implementation plan; progress cannot be recorded`,
        },
        ['itemId'],
        { itemId: input.itemId },
      ),
    );
    return fail(issues);
  }
  const path = findTask(implementation.tasks, input.taskId);
  if (path === undefined) {
    issues.push(
      issue(
        'CONSULTATION_UNKNOWN_TASK',
        {
          zh: `建议“${input.itemId}”的落实计划中没有任务“${input.taskId}”`,
          en: `the implementation plan of item "${input.itemId}" has no task "${input.taskId}"`,
        },
        ['taskId'],
        { itemId: input.itemId, taskId: input.taskId },
      ),
    );
    return fail(issues);
  }
  const task = taskAt(implementation.tasks, path);
  if (task.subTasks.length > 0) {
    issues.push(
      issue(
        'CONSULTATION_PROGRESS_DERIVED',
        {
          zh: `任务“${task.title}”有 ${task.subTasks.length} 项子任务，其进度由子任务按权重汇总，请填报子任务进度`,
          en: `task "${task.title}" has ${task.subTasks.length} sub-tasks; its progress is their weighted roll-up, so record theirs`,
        },
        ['taskId'],
        { taskId: input.taskId, subTasks: task.subTasks.map((s) => s.id) },
      ),
    );
  } else if (task.completedOn !== undefined) {
    issues.push(
      issue(
        'CONSULTATION_TASK_COMPLETED',
        {
          zh: `任务“${task.title}”已于 ${task.completedOn} 完成`,
          en: `task "${task.title}" was completed on ${task.completedOn}`,
        },
        ['taskId'],
        { taskId: input.taskId, completedOn: task.completedOn },
      ),
    );
  }
  const evidence = [...task.evidence, ...(input.evidence ?? [])];
  if (input.progress === 100 && evidence.length === 0) {
    issues.push(
      issue(
        'CONSULTATION_EVIDENCE_REQUIRED',
        {
          zh: `任务“${task.title}”完成须附佐证材料（验收记录、照片、文件等）`,
          en: `completing task "${task.title}" needs evidence (an acceptance record, photos, a document)`,
        },
        ['evidence'],
        { taskId: input.taskId },
      ),
    );
  }
  if (issues.length > 0) return fail(issues);
  const { by, on } = context;
  const updated: ImplementationTask = {
    ...task,
    progress: input.progress,
    evidence,
    updatedOn: on,
    ...(task.startedOn === undefined && input.progress > 0 ? { startedOn: on } : {}),
    ...(input.progress === 100 ? { completedOn: on } : {}),
  };
  const implementations = consultation.implementations.map((impl, i) =>
    i === at ? { ...impl, tasks: replaceTask(impl.tasks, path, updated) } : impl,
  );
  return ok(
    append(
      consultation,
      {
        type: 'progress_recorded',
        itemId: input.itemId,
        taskId: input.taskId,
        progress: input.progress,
        on,
        by,
      },
      { implementations },
    ),
  );
}

function findTask(tasks: readonly ImplementationTask[], id: string): number[] | undefined {
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!;
    if (t.id === id) return [i];
    const inner = findTask(t.subTasks, id);
    if (inner !== undefined) return [i, ...inner];
  }
  return undefined;
}

function taskAt(tasks: readonly ImplementationTask[], path: readonly number[]): ImplementationTask {
  let task = tasks[path[0]!]!;
  for (const i of path.slice(1)) task = task.subTasks[i]!;
  return task;
}

function replaceTask(
  tasks: readonly ImplementationTask[],
  path: readonly number[],
  task: ImplementationTask,
): ImplementationTask[] {
  const [head, ...rest] = path;
  return tasks.map((t, i) =>
    i !== head ? t : rest.length === 0 ? task : { ...t, subTasks: replaceTask(t.subTasks, rest, task) },
  );
}

// ---------------------------------------------------------------------------------------------
// Roll-up and report

/**
 * A task's progress, 0–100: its own for a task without sub-tasks, else the weighted mean of its
 * sub-tasks' progress.
 *
 * @example
 * // design (weight 1) done, build (weight 3) half done: (1 × 100 + 3 × 50) / 4
 * taskProgress({ ...plan, subTasks: [design, build] }); // 62.5
 */
export function taskProgress(task: ImplementationTask): number {
  if (task.subTasks.length === 0) return task.progress;
  return weighted(task.subTasks);
}

function weighted(tasks: readonly ImplementationTask[]): number {
  let sum = 0;
  let weights = 0;
  for (const t of tasks) {
    sum += t.weight * taskProgress(t);
    weights += t.weight;
  }
  return weights === 0 ? 0 : sum / weights;
}

/**
 * An item's progress, 0–100: the weighted mean of its top-level tasks.
 *
 * @example
 * itemProgress(consultation.implementations[0]!); // 62.5
 */
export function itemProgress(implementation: ItemImplementation): number {
  return weighted(implementation.tasks);
}

export type ImplementationStatus =
  | 'undecided'
  | 'not_adopted'
  | 'not_planned'
  | 'not_started'
  | 'in_progress'
  | 'completed'
  | 'overdue';

export interface TaskReport {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
  readonly progress: number;
  readonly status: Extract<ImplementationStatus, 'not_started' | 'in_progress' | 'completed' | 'overdue'>;
  readonly dueOn: LocalDate | null;
  readonly startedOn: LocalDate | null;
  readonly completedOn: LocalDate | null;
  readonly evidence: readonly Evidence[];
  readonly subTasks: readonly TaskReport[];
}

export interface ItemReport {
  readonly itemId: string;
  readonly text: string;
  readonly addressedTo: ProposalAddressee;
  readonly decision: AdoptionDecision | null;
  readonly owner: string | null;
  readonly progress: number;
  readonly status: ImplementationStatus;
  readonly dueOn: LocalDate | null;
  readonly startedOn: LocalDate | null;
  readonly completedOn: LocalDate | null;
  /** All evidence of the item's tasks. */
  readonly evidence: readonly Evidence[];
  readonly tasks: readonly TaskReport[];
}

export interface ImplementationReport {
  readonly items: readonly ItemReport[];
  readonly adoptedItems: number;
  readonly completedItems: number;
  /** Mean progress of the adopted (and partly adopted) items; an unplanned one counts as 0. */
  readonly progress: number;
}

function minDate(dates: readonly (LocalDate | null)[]): LocalDate | null {
  let out: LocalDate | null = null;
  for (const d of dates) if (d !== null && (out === null || d < out)) out = d;
  return out;
}

function maxDate(dates: readonly (LocalDate | null)[]): LocalDate | null {
  let out: LocalDate | null = null;
  for (const d of dates) if (d !== null && (out === null || d > out)) out = d;
  return out;
}

function statusOf(
  progress: number,
  dueOn: LocalDate | null,
  asOf: LocalDate,
): Extract<ImplementationStatus, 'not_started' | 'in_progress' | 'completed' | 'overdue'> {
  if (progress >= 100) return 'completed';
  if (dueOn !== null && asOf > dueOn) return 'overdue';
  return progress > 0 ? 'in_progress' : 'not_started';
}

function reportTask(task: ImplementationTask, asOf: LocalDate): TaskReport {
  const subTasks = task.subTasks.map((t) => reportTask(t, asOf));
  const progress = taskProgress(task);
  const leaf = subTasks.length === 0;
  const dueOn = task.dueOn ?? null;
  return {
    id: task.id,
    title: task.title,
    weight: task.weight,
    progress,
    status: statusOf(progress, dueOn, asOf),
    dueOn,
    startedOn: leaf ? (task.startedOn ?? null) : minDate(subTasks.map((s) => s.startedOn)),
    completedOn: leaf
      ? (task.completedOn ?? null)
      : progress >= 100
        ? maxDate(subTasks.map((s) => s.completedOn))
        : null,
    evidence: leaf ? task.evidence : subTasks.flatMap((s) => s.evidence),
    subTasks,
  };
}

/**
 * Where every proposal item stands on `asOf`: the decision, the responsible unit, progress rolled
 * up from weighted tasks, status (overdue past its due day), dates and evidence.
 *
 * @example
 * const r = implementationReport(consultation, '2026-09-30' as LocalDate);
 * r.items.map((i) => [i.itemId, i.status, i.progress]); // [['P1', 'in_progress', 62.5], …]
 */
export function implementationReport(consultation: Consultation, asOf: LocalDate): ImplementationReport {
  assertLocalDate(asOf, 'asOf');
  const items = (consultation.proposal?.items ?? []).map((item): ItemReport => {
    const adoption = consultation.adoptions.find((a) => a.itemId === item.id);
    const impl = consultation.implementations.find((i) => i.itemId === item.id);
    const tasks = impl === undefined ? [] : impl.tasks.map((t) => reportTask(t, asOf));
    const progress = impl === undefined ? 0 : itemProgress(impl);
    const dueOn = impl?.dueOn ?? null;
    const status: ImplementationStatus =
      adoption === undefined
        ? 'undecided'
        : adoption.decision === 'not_adopted'
          ? 'not_adopted'
          : impl === undefined
            ? 'not_planned'
            : statusOf(progress, dueOn, asOf);
    return {
      itemId: item.id,
      text: item.text,
      addressedTo: item.addressedTo,
      decision: adoption?.decision ?? null,
      owner: impl?.owner ?? null,
      progress,
      status,
      dueOn,
      startedOn: minDate(tasks.map((t) => t.startedOn)),
      completedOn: status === 'completed' ? maxDate(tasks.map((t) => t.completedOn)) : null,
      evidence: tasks.flatMap((t) => t.evidence),
      tasks,
    };
  });
  const adopted = items.filter((i) => i.decision === 'adopted' || i.decision === 'partially_adopted');
  return {
    items,
    adoptedItems: adopted.length,
    completedItems: adopted.filter((i) => i.status === 'completed').length,
    progress: adopted.length === 0 ? 0 : adopted.reduce((s, i) => s + i.progress, 0) / adopted.length,
  };
}
