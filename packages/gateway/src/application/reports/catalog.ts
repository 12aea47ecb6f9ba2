import type { Writable } from 'node:stream';
import type { RankingScope } from '@jiceng/domain';
import { PointsMemberRepository } from '@jiceng/persistence';
import { authorise, authoriseNode, requireAction } from '../../auth/authorise.js';
import { GatewayError } from '../../kernel/errors.js';
import { authoriseTownship } from '../consultation/access.js';
import { publicTownship } from '../consultation/reads.js';
import type { UseCaseContext } from '../context.js';
import { COUNTY } from '../county.js';
import { scopeOf } from '../grid/access.js';
import { authoriseMember, scopeFilter } from '../points/access.js';
import { exportConsultationCompliance, exportConsultationDisclosure } from './consultation.js';
import { exportGridStatistics } from './grid.js';
import { exportExplanation, exportRankings, exportRating } from './points.js';
import { type ExportOptions, exportRegisters } from './registers.js';
import { exportUnitFeedback } from './unit-feedback.js';

/**
 * The reports a caller can export 报表导出, each named, checked and written the same way on every
 * door (the CLI's `jiceng export`, the gateway's download link).
 */

/** The reports, by the name the doors use. */
export const REPORT_KINDS = [
  'registers',
  'rankings',
  'rating',
  'explanation',
  'grid',
  'consultation',
  'disclosure',
  'feedback',
] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Which report, over what. */
export type ReportRequest =
  | { readonly kind: 'registers' }
  | {
      readonly kind: 'rankings';
      readonly scope: string;
      readonly year: number;
      readonly within?: RankingScope;
      readonly category?: string;
    }
  | {
      readonly kind: 'rating';
      readonly scope: string;
      readonly year: number;
      readonly groupBy?: RankingScope;
    }
  | { readonly kind: 'explanation'; readonly member: string; readonly year: number }
  | { readonly kind: 'grid'; readonly scope: string }
  | { readonly kind: 'disclosure'; readonly scope: string }
  | { readonly kind: 'consultation'; readonly scope: string; readonly year: number }
  | { readonly kind: 'feedback'; readonly scope: string; readonly month: string };

/** A report request as a door receives it: every field optional text or a number. */
export interface ReportInput {
  readonly kind: string;
  readonly scope?: string | null | undefined;
  readonly year?: number | null | undefined;
  readonly within?: string | null | undefined;
  readonly category?: string | null | undefined;
  readonly member?: string | null | undefined;
  /** The month of the dual-registration feedback, `YYYY-MM`. */
  readonly month?: string | null | undefined;
}

const GROUPINGS: readonly RankingScope[] = ['branch', 'community', 'all'];

const refuse = (zh: string, en: string) => new GatewayError('BAD_USER_INPUT', { zh, en });

/**
 * Checks a door's input as a report request: a known report, and the scope and year it needs.
 *
 * @example
 * reportRequestOf({ kind: 'rankings', scope: '330102001', year: 2025 }) // { kind: 'rankings', scope: '330102001', year: 2025 }
 * reportRequestOf({ kind: 'rankings' }) // throws BAD_USER_INPUT: scope and year needed
 */
export function reportRequestOf(input: ReportInput): ReportRequest {
  const kind = input.kind as ReportKind;
  if (!REPORT_KINDS.includes(kind)) {
    throw refuse(
      `未知报表“${input.kind}”；可导出：${REPORT_KINDS.join('、')}`,
      `unknown report "${input.kind}"; reports: ${REPORT_KINDS.join(', ')}`,
    );
  }
  if (kind === 'registers') return { kind };
  const scope = input.scope?.trim();
  const year = input.year ?? undefined;
  const validYear = year !== undefined && Number.isInteger(year);
  if (kind === 'explanation') {
    const member = input.member?.trim();
    if (member === undefined || member === '' || !validYear) {
      throw refuse(
        '报表 explanation 需要党员编号和年度',
        'report explanation needs a member code and a year',
      );
    }
    return { kind, member, year };
  }
  if (scope === undefined || scope === '') {
    throw refuse(`报表 ${kind} 需要范围（组织代码）`, `report ${kind} needs a scope (an org code)`);
  }
  if (kind === 'grid' || kind === 'disclosure') return { kind, scope };
  if (kind === 'feedback') {
    const month = input.month?.trim() ?? '';
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
      throw refuse(
        `报表 feedback 需要月份（YYYY-MM），“${month}”无效`,
        `report feedback needs a month (YYYY-MM); "${month}" is not one`,
      );
    }
    return { kind, scope, month };
  }
  if (!validYear) {
    throw refuse(`报表 ${kind} 需要年度`, `report ${kind} needs a year`);
  }
  if (kind === 'consultation') return { kind, scope, year };
  const within = input.within ?? undefined;
  if (within !== undefined && !GROUPINGS.includes(within as RankingScope)) {
    throw refuse(
      `分组“${within}”无效；可填：${GROUPINGS.join('、')}`,
      `grouping "${within}" is not one of ${GROUPINGS.join(', ')}`,
    );
  }
  const grouping = within === undefined ? {} : { within: within as RankingScope };
  if (kind === 'rating')
    return { kind, scope, year, ...(within === undefined ? {} : { groupBy: within as RankingScope }) };
  return { kind, scope, year, ...grouping, ...(input.category ? { category: input.category } : {}) };
}

/**
 * Refuses a caller who may not have the report, before anything is read: the same policy the
 * report applies when it is written (a download link is only handed to those it would serve).
 *
 * @example
 * await authoriseReport(ctx, { kind: 'registers' }); // FORBIDDEN for a street administrator
 */
export async function authoriseReport(ctx: UseCaseContext, request: ReportRequest): Promise<void> {
  switch (request.kind) {
    case 'registers':
      authorise(ctx, 'org.replace', { kind: 'county' }, COUNTY);
      return;
    case 'rankings':
    case 'rating':
      scopeFilter(ctx, request.scope, 'points.read');
      return;
    case 'explanation': {
      requireAction(ctx, 'member.read');
      const [member] = await new PointsMemberRepository(ctx.em).findByCodes([request.member]);
      authoriseMember(ctx, member, request.member);
      return;
    }
    case 'grid':
      scopeOf(ctx, 'request.read', request.scope);
      return;
    case 'consultation':
      authoriseTownship(ctx, request.scope, 'consultation.read');
      return;
    case 'disclosure':
      // Open to anyone, as publicConsultations is: only what the county publishes.
      publicTownship(ctx, request.scope);
      return;
    case 'feedback':
      authoriseNode(ctx, 'points.read', request.scope);
      return;
  }
}

/**
 * Writes a report to `out` as an .xlsx workbook, under the caller's scope and policy.
 *
 * @example
 * await writeReport(ctx, { kind: 'rating', scope: '330102001', year: 2025 }, out, { requestId });
 */
export async function writeReport(
  ctx: UseCaseContext,
  request: ReportRequest,
  out: Writable,
  options: ExportOptions,
): Promise<void> {
  switch (request.kind) {
    case 'registers':
      return exportRegisters(ctx, out, options);
    case 'rankings':
      return exportRankings(ctx, out, request);
    case 'rating':
      return exportRating(ctx, out, request);
    case 'explanation':
      return exportExplanation(ctx, out, request);
    case 'grid':
      return exportGridStatistics(ctx, out, request);
    case 'consultation':
      return exportConsultationCompliance(ctx, out, { township: request.scope, year: request.year });
    case 'disclosure':
      return exportConsultationDisclosure(ctx, out, { township: request.scope });
    case 'feedback':
      return exportUnitFeedback(ctx, out, request);
  }
}

/** The file name a report is offered under: `rankings-330102001-2025.xlsx`. */
export function reportFileName(request: ReportRequest): string {
  const parts = ((): string[] => {
    switch (request.kind) {
      case 'registers':
        return [request.kind];
      case 'explanation':
        return [request.kind, request.member, String(request.year)];
      case 'grid':
      case 'disclosure':
        return [request.kind, request.scope];
      case 'feedback':
        return [request.kind, request.scope, request.month];
      default:
        return [request.kind, request.scope, String(request.year)];
    }
  })();
  return `${parts.join('-').replace(/[^\w.-]/g, '_')}.xlsx`;
}
