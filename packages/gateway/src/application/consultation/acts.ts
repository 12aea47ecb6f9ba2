import {
  type ActContext,
  type Consultation,
  type ConsultationAct,
  decideAdoption,
  applyStageCommand as decideStageCommand,
  planImplementation,
  type Result,
  recordProgress,
  STAGE_COMMAND_ACTS,
} from '@jiceng/domain';
import { ConcurrentUpdateError, ConsultationRepository, type StoredConsultation } from '@jiceng/persistence';
import { badInput, notFound, persist } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import { actorFor, ConsultationInput, rolesFor, rulesAt } from './access.js';
import {
  type ConsultationActCommand,
  type DecideAdoptionCommand,
  type PlanImplementationCommand,
  type RecordProgressCommand,
  type StageActCommand,
  toEvidence,
  toStageCommand,
  toTask,
} from './commands.js';
import { consultationText, visibleConsultation } from './topics.js';

/**
 * The use cases on a started consultation 协商: every act of the five stages, and the outcomes
 * (adoption, implementation plan, progress). Each reads the consultation and its version, checks
 * the command, decides who the caller acts as under the rules in force on the act's day, runs the
 * domain step on what it read, and hands the repository the next state with the version it was
 * decided on; the repository refuses it (CONFLICT) if the consultation moved in between.
 *
 * @example
 * const saved = await applyConsultationCommand(ctx, {
 *   consultationId: 'C-A-1', command: { type: 'advance', to: 'plan' }, expectedVersion: 4,
 * });
 */

/** One act of the five stages: communicate, advance, draft/approve/return the plan, research, the meeting, the report. */
export function applyConsultationCommand(
  ctx: UseCaseContext,
  command: StageActCommand,
): Promise<StoredConsultation> {
  return act(
    ctx,
    command,
    STAGE_COMMAND_ACTS[command.command.type],
    (issues) => toStageCommand(command.command, issues),
    decideStageCommand,
  );
}

/** The party committee's or government's decision on one proposal item. */
export function decideConsultationAdoption(
  ctx: UseCaseContext,
  command: DecideAdoptionCommand,
): Promise<StoredConsultation> {
  return act(
    ctx,
    command,
    'decide_adoption',
    () => ({
      itemId: command.itemId,
      decision: command.decision,
      ...(command.reason ? { reason: command.reason } : {}),
    }),
    decideAdoption,
  );
}

/** How an adopted item is carried out: the responsible unit and weighted tasks. */
export function planConsultationImplementation(
  ctx: UseCaseContext,
  command: PlanImplementationCommand,
): Promise<StoredConsultation> {
  return act(
    ctx,
    command,
    'plan_implementation',
    (issues) => {
      const dueOn = command.dueOn ? issues.date(command.dueOn, ['dueOn']) : undefined;
      return {
        itemId: command.itemId,
        owner: command.owner,
        ...(dueOn === undefined ? {} : { dueOn }),
        tasks: command.tasks.map((t, i) => toTask(t, issues, ['tasks', i])),
      };
    },
    planImplementation,
  );
}

/** The progress (0–100) of one task; 100 completes it and needs evidence. */
export function recordConsultationProgress(
  ctx: UseCaseContext,
  command: RecordProgressCommand,
): Promise<StoredConsultation> {
  return act(
    ctx,
    command,
    'record_progress',
    (issues) => ({
      itemId: command.itemId,
      taskId: command.taskId,
      progress: command.progress,
      ...(command.evidence
        ? { evidence: command.evidence.map((e, i) => toEvidence(e, issues, ['evidence', i])) }
        : {}),
    }),
    recordProgress,
  );
}

/**
 * One act on a stored consultation: read it (authorised on its township), parse the command
 * (every problem at once), pick the rules in force on the act's day and the actor, decide the
 * step with the domain on the version read, and record it. A version the caller read that is no
 * longer the stored one is a CONFLICT before anything is decided.
 */
async function act<T>(
  ctx: UseCaseContext,
  command: ConsultationActCommand,
  actName: ConsultationAct,
  parse: (issues: ConsultationInput) => T,
  decide: (consultation: Consultation, value: T, context: ActContext) => Result<Consultation, string>,
): Promise<StoredConsultation> {
  const id = command.consultationId;
  const stored = await visibleConsultation(ctx, id, 'consultation.act');
  const issues = new ConsultationInput();
  issues.inputTexts(command, []);
  const on = issues.actDay(ctx, command.on);
  const value = parse(issues);
  issues.check();
  const rules = rulesAt(ctx, stored.profileId, on);
  const by = actorFor(ctx, rolesFor(rules, actName), command.actingAs);
  const saved = await persist(async () => {
    const expected = command.expectedVersion ?? stored.version;
    if (expected !== stored.version) {
      throw new ConcurrentUpdateError(
        `consultation "${id}" is at version ${stored.version}, not ${expected}; reload and retry`,
      );
    }
    const next = decide(stored.consultation, value, { by, on, rules });
    if (!next.ok) throw badInput(next.issues);
    return new ConsultationRepository(ctx.em).record(id, next.value, { decidedOn: stored.version });
  });
  if (saved === undefined) throw notFound(consultationText(id));
  return saved;
}
