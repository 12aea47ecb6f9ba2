import {
  type Actor,
  correctVillageMeeting,
  EMPTY_MINUTES_REGISTER,
  type FiledMinutes,
  fileVillageConsultation,
  holdVillageMeeting,
  type Issue,
  type LocalizedText,
  startVillageConsultation,
  type Village,
  type VillageConsultation,
  type VillageContext,
  type VillageMeetingOutcome,
  type VillageParticipant,
} from '@jiceng/domain';
import { ProposalBookRepository, VillageConsultationRepository } from '@jiceng/persistence';
import { authorise, requireAction } from '../../auth/authorise.js';
import { POLICY } from '../../auth/policy.js';
import { badInput, notFound, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues, TEXT } from '../inputs.js';
import { rulesFor } from '../rules.js';
import { derivedDutyAppend } from './duty.js';

/**
 * The use cases of village consultations 村事民定: the office for the county (`cppcc.office`), a
 * township's liaison group secretary for its villages (`cppcc.liaison`). The caller enters each
 * step as the village committee 村委会 (the body the profile lets open, hold and file one), the
 * domain checks it (`startVillageConsultation`, `holdVillageMeeting`, `fileVillageConsultation`),
 * and the repository stores it at the version it was decided on; the filed minutes go into the
 * township's register of filings, and the duty records the meeting earns the CPPCC members who
 * attended (`cppcc.duty.derived.villageConsultation`) into the term's ledger, in the same write.
 */

/** A village consultation as opened: topic and participants by kind. */
export interface StartVillageConsultationCommand {
  readonly term: number;
  readonly id: string;
  readonly village: string;
  readonly topic: string;
  readonly participants: readonly VillageParticipant[];
  readonly profile?: string | null;
}

/** The village meeting: who attended, the minutes, the outcome. */
export interface HoldVillageMeetingCommand {
  readonly term: number;
  readonly id: string;
  readonly attendees: readonly string[];
  readonly minutes: string;
  readonly outcome: VillageMeetingOutcome;
}

/** A correction of the meeting's record, with the reason. */
export interface CorrectVillageMeetingCommand extends HoldVillageMeetingCommand {
  readonly reason: string;
}

/** A village consultation with the version to decide its next step on. */
export interface VillageConsultationView {
  readonly consultation: VillageConsultation;
  readonly version: number;
}

const consultationText = (id: string): LocalizedText => ({
  zh: `村事民定 ${id}`,
  en: `village consultation ${id}`,
});

/** Who may act on a township's villages: the office anywhere, a liaison group secretary in theirs. */
function authoriseTownship(ctx: UseCaseContext, township: string | undefined, what: LocalizedText): void {
  if (ctx.principal.role === 'street_admin') {
    authorise(
      ctx,
      'cppcc.liaison',
      township === undefined ? undefined : { kind: 'township', township },
      what,
    );
    return;
  }
  authorise(ctx, 'cppcc.office', { kind: 'county' }, POLICY['cppcc.office'].label);
}

function requireVillageActor(ctx: UseCaseContext): void {
  requireAction(ctx, ctx.principal.role === 'street_admin' ? 'cppcc.liaison' : 'cppcc.office');
}

async function contextOf(
  ctx: UseCaseContext,
  term: number,
  township: string,
  profileId: string,
): Promise<VillageContext> {
  const committee = await new ProposalBookRepository(ctx.em).committee(term);
  if (committee === undefined) throw notFound({ zh: `第${term}届县政协`, en: `CPPCC term ${term}` });
  const villages: Village[] = await new VillageConsultationRepository(ctx.em).villages([township]);
  const on = today(ctx);
  const by: Actor = {
    id: ctx.principal.subject,
    name: ctx.principal.name ?? ctx.principal.subject,
    role: 'village_committee',
  };
  return { by, on, profile: rulesFor(ctx, profileId, on), villages, committee: committee.committee };
}

/** Opens a village consultation 村事民定 at 商前沟通: a topic and its participants by kind. */
export async function startVillageConsultationCase(
  ctx: UseCaseContext,
  c: StartVillageConsultationCommand,
): Promise<VillageConsultationView> {
  const check = new InputIssues();
  check.text(c.id, ['id'], TEXT.code);
  check.text(c.village, ['village'], TEXT.code);
  check.text(c.topic, ['topic'], TEXT.line);
  for (const [i, p] of c.participants.entries()) {
    check.text(p.id, ['participants', i, 'id'], TEXT.code);
    check.text(p.name, ['participants', i, 'name'], TEXT.name);
  }
  check.check();
  requireVillageActor(ctx);
  return persist(async () => {
    const repo = new VillageConsultationRepository(ctx.em);
    const village = (await repo.villages()).find((v) => v.code === c.village);
    authoriseTownship(ctx, village?.township, { zh: `村（社区）${c.village}`, en: `village ${c.village}` });
    const profileId = c.profile ?? 'reference';
    const context = await contextOf(ctx, c.term, village!.township, profileId);
    const opened = startVillageConsultation(
      { id: c.id, village: c.village, topic: c.topic, participants: c.participants },
      context,
    );
    if (!opened.ok) throw badInput(opened.issues);
    const saved = await repo.save({ consultation: opened.value, profileId, decidedOnVersion: 0 });
    return { consultation: saved.consultation, version: saved.version };
  });
}

/** Records the village meeting: attendance (quorum), minutes, outcome and vote. */
export async function holdVillageMeetingCase(
  ctx: UseCaseContext,
  c: HoldVillageMeetingCommand,
): Promise<VillageConsultationView> {
  const check = new InputIssues();
  check.text(c.id, ['id'], TEXT.code);
  check.text(c.minutes, ['minutes'], TEXT.note);
  check.text(c.outcome.summary, ['outcome', 'summary'], TEXT.note);
  check.check();
  return step(ctx, c.term, c.id, async (stored, context) =>
    holdVillageMeeting(stored, { attendees: c.attendees, minutes: c.minutes, outcome: c.outcome }, context),
  );
}

/**
 * Corrects the record of a held meeting (attendance, minutes, outcome), with a reason; the CPPCC
 * members' duty records follow it (reversed for one who no longer attended, written for one added).
 */
export async function correctVillageMeetingCase(
  ctx: UseCaseContext,
  c: CorrectVillageMeetingCommand,
): Promise<VillageConsultationView> {
  const check = new InputIssues();
  check.text(c.id, ['id'], TEXT.code);
  check.text(c.minutes, ['minutes'], TEXT.note);
  check.text(c.outcome.summary, ['outcome', 'summary'], TEXT.note);
  check.text(c.reason, ['reason'], TEXT.note);
  check.check();
  return step(ctx, c.term, c.id, async (stored, context) =>
    correctVillageMeeting(
      stored,
      { attendees: c.attendees, minutes: c.minutes, outcome: c.outcome, reason: c.reason },
      context,
    ),
  );
}

/** Files the minutes 备案 with the township's register; the consultation is completed. */
export async function fileVillageConsultationCase(
  ctx: UseCaseContext,
  term: number,
  id: string,
): Promise<VillageConsultationView> {
  return step(ctx, term, id, async (stored, context) => {
    const filed = fileVillageConsultation(stored, EMPTY_MINUTES_REGISTER, context);
    return filed.ok
      ? { ok: true as const, value: filed.value.consultation, filed: filed.value.register.entries.at(-1)! }
      : filed;
  });
}

type Decided =
  | { readonly ok: true; readonly value: VillageConsultation; readonly filed?: FiledMinutes }
  | { readonly ok: false; readonly issues: readonly Issue[] };

async function step(
  ctx: UseCaseContext,
  term: number,
  id: string,
  decide: (stored: VillageConsultation, context: VillageContext) => Promise<Decided>,
): Promise<VillageConsultationView> {
  requireVillageActor(ctx);
  return persist(async () => {
    const repo = new VillageConsultationRepository(ctx.em);
    const stored = await repo.load(id);
    authoriseTownship(ctx, stored?.consultation.township, consultationText(id));
    const context = await contextOf(ctx, term, stored!.consultation.township, stored!.profileId);
    const next = await decide(stored!.consultation, context);
    if (!next.ok) throw badInput(next.issues);
    // A held meeting earns its CPPCC members a record each; a corrected one restates them.
    const duty =
      next.value.meeting === null
        ? undefined
        : await derivedDutyAppend(
            ctx,
            context.committee,
            { villageConsultations: [next.value] },
            { kind: 'village_consultation', id: next.value.id },
          );
    const saved = await repo.save({
      consultation: next.value,
      profileId: stored!.profileId,
      decidedOnVersion: stored!.version,
      ...(next.filed === undefined ? {} : { filed: next.filed }),
      ...(duty === undefined ? {} : { duty }),
    });
    return { consultation: saved.consultation, version: saved.version };
  });
}

/** The village consultations the caller may see: the office every township's, a secretary their township's. */
export async function villageConsultations(
  ctx: UseCaseContext,
  township?: string | null,
): Promise<VillageConsultationView[]> {
  requireVillageActor(ctx);
  const scope = township ?? (ctx.principal.role === 'street_admin' ? ctx.principal.scope : undefined);
  if (scope !== undefined) authoriseTownship(ctx, scope, { zh: `乡镇 ${scope}`, en: `township ${scope}` });
  else authoriseTownship(ctx, undefined, POLICY['cppcc.office'].label);
  return persist(async () => {
    const rows = await new VillageConsultationRepository(ctx.em).list(
      scope === undefined ? undefined : [scope],
    );
    return rows.map((r) => ({ consultation: r.consultation, version: r.version }));
  });
}
