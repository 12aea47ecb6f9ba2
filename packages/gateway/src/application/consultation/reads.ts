import {
  type ConsultationStatus,
  type CppccMember,
  hasNode,
  nodeOf,
  type OriginationStatus,
  type Sector,
  type TownshipFilingCount,
  type Village,
} from '@jiceng/domain';
import {
  ConsultationRepository,
  type JournalEntry,
  LiaisonGroupRepository,
  MinutesFilingRepository,
  type StoredConsultation,
  type StoredLiaisonGroup,
  type StoredTopic,
} from '@jiceng/persistence';
import { GatewayError, notFound } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import { ConsultationInput, townshipsIn } from './access.js';

/**
 * The reads of the consultation area: what a caller may list within their scope (each call
 * authorises the scope first), and the batch reads a door's loaders group their keys into.
 */

/** Which consultations or topics to list: a scope (default the caller's), a status, a year. */
export interface ListQuery<S> {
  readonly scope?: string | null;
  readonly status?: S | null;
  readonly year?: number | null;
}

/** Ids of the consultations of the townships within a scope, newest year first: page them, then {@link loadConsultations}. */
export function consultationIdsIn(
  ctx: UseCaseContext,
  query: ListQuery<ConsultationStatus>,
): Promise<string[]> {
  const townships = townshipsIn(ctx, query.scope);
  const { status, year } = query;
  return new ConsultationRepository(ctx.em).listIds({
    townships,
    ...(status ? { status } : {}),
    ...(year === null || year === undefined ? {} : { year }),
  });
}

/** Consultations by id, in one query; only ids a list of this request handed out. */
export function loadConsultations(
  ctx: UseCaseContext,
  ids: readonly string[],
): Promise<StoredConsultation[]> {
  return new ConsultationRepository(ctx.em).loadMany(ids);
}

/** Topics of the townships within a scope, by id. */
export function topicsIn(ctx: UseCaseContext, query: ListQuery<OriginationStatus>): Promise<StoredTopic[]> {
  const townships = townshipsIn(ctx, query.scope);
  const { status, year } = query;
  return new ConsultationRepository(ctx.em).listTopics({
    townships,
    ...(status ? { status } : {}),
    ...(year === null || year === undefined ? {} : { year }),
  });
}

/** What happened in the consultations of a scope, oldest first, from the journal; `from`/`to` inclusive days. */
export async function consultationActivity(
  ctx: UseCaseContext,
  query: { readonly scope?: string | null; readonly from?: string | null; readonly to?: string | null },
): Promise<JournalEntry[]> {
  const townships = townshipsIn(ctx, query.scope);
  const issues = new ConsultationInput();
  const fromDay = query.from ? issues.date(query.from, ['from']) : undefined;
  const toDay = query.to ? issues.date(query.to, ['to']) : undefined;
  issues.check();
  return new ConsultationRepository(ctx.em).journal({
    townships,
    ...(fromDay === undefined ? {} : { from: fromDay }),
    ...(toDay === undefined ? {} : { to: toDay }),
  });
}

/** The liaison groups of the townships within a scope, in tree order. */
export function liaisonGroupsIn(ctx: UseCaseContext, scope?: string | null): Promise<StoredLiaisonGroup[]> {
  return liaisonGroupsOf(ctx, townshipsIn(ctx, scope));
}

/**
 * The published consultations' ids of a township, for anyone, no token needed: NOT_FOUND for an
 * unknown township, BAD_USER_INPUT for a node that is not one. Deliberately open to the public:
 * the disclosure holds only what the county publishes.
 */
export function publicTownship(ctx: Pick<UseCaseContext, 'services'>, township: string): void {
  const tree = ctx.services.orgTree('administrative');
  if (tree === undefined || !hasNode(tree, township)) {
    throw notFound({ zh: `乡镇 ${township}`, en: `township ${township}` });
  }
  if (nodeOf(tree, township).level !== 'street') {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `组织 ${township} 不是乡镇（街道）`,
      en: `organisation ${township} is not a township (street)`,
    });
  }
}

/** The consultations' ids of a township checked by {@link publicTownship}, newest year first. */
export function publicConsultationIds(ctx: UseCaseContext, township: string): Promise<string[]> {
  return new ConsultationRepository(ctx.em).listIds({ townships: [township] });
}

// ---------------------------------------------------------------------------------------------
// Batch reads for townships a door has already authorised (the fields of a liaison group or a
// consultation it returned)

/** Liaison groups of some townships, in one query. */
export function liaisonGroupsOf(
  ctx: UseCaseContext,
  townships: readonly string[],
): Promise<StoredLiaisonGroup[]> {
  return new LiaisonGroupRepository(ctx.em).findByTownships(townships);
}

/** Consultations of some townships, in one query. */
export function consultationsOf(
  ctx: UseCaseContext,
  filter: {
    readonly townships: readonly string[];
    readonly year?: number;
    readonly status?: ConsultationStatus;
  },
): Promise<StoredConsultation[]> {
  return new ConsultationRepository(ctx.em).list(filter);
}

/** CPPCC members living in some townships, in one query. */
export function cppccMembersOf(ctx: UseCaseContext, townships: readonly string[]): Promise<CppccMember[]> {
  return new LiaisonGroupRepository(ctx.em).membersOf(townships);
}

/** The CPPCC's sectors 界别. */
export function cppccSectors(ctx: UseCaseContext): Promise<Sector[]> {
  return new LiaisonGroupRepository(ctx.em).sectors();
}

/** Village minutes filed per township and village, for the meetings of a year (or all). */
export function filingCountsOf(
  ctx: UseCaseContext,
  townships: readonly string[],
  villages: readonly Village[],
  meetingYear: number | null,
): Promise<TownshipFilingCount[]> {
  return new MinutesFilingRepository(ctx.em).filingCounts(
    townships,
    villages,
    meetingYear === null ? {} : { meetingYear },
  );
}
