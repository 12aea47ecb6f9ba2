import type { Writable } from 'node:stream';
import {
  LEVEL_LABELS,
  MEMBERS_SHEET,
  type MemberCategory,
  type MemberColumn,
  maskMobile,
  maskResidentId,
  ORGANISATIONS_SHEET,
  type OrgColumn,
  type OrgRow,
  type SheetSpec,
  SUBTYPE_LABELS,
  type TreeKind,
} from '@jiceng/domain';
import { PointsMemberRepository, type StoredMember } from '@jiceng/persistence';
import { allows, authorise } from '../../auth/authorise.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { COUNTY } from '../county.js';
import { type ReportCell, type ReportColumn, type ReportSheet, writeReportWorkbook } from './workbook.js';

/** Members read from the database per query while the workbook is written. */
const PAGE = 1000;

/** The words the organisations sheet uses for the trees: what `jiceng import` reads back. */
const TREE_WORDS: { readonly [K in TreeKind]: string } = { administrative: '行政', party: '党组织' };

/** Who the export is for: the request (or `cli`) its reads of personal data are logged under. */
export interface ExportOptions {
  readonly requestId: string;
}

/**
 * Writes the county's registers 名册 as the workbook `jiceng import` reads: the sheets 组织
 * (both trees, parents before children) and 党员 (every member, by code), with exactly the
 * import's headers and its words for trees, levels, subtypes and categories, so importing the
 * export of a county changes nothing. For the county's administrators, as the import is. Resident
 * IDs and mobiles are written in full only where the policy lets the caller read them
 * (`personal.read`), each full read logged; elsewhere masked (and an import of the file refuses
 * the masked cells, so a masked copy is never mistaken for the register).
 *
 * @example
 * await exportRegisters(ctx, createWriteStream('县名册.xlsx'), { requestId: 'cli' });
 */
export async function exportRegisters(
  ctx: UseCaseContext,
  out: Writable,
  options: ExportOptions,
): Promise<void> {
  authorise(ctx, 'org.replace', { kind: 'county' }, COUNTY);
  const trees = (['administrative', 'party'] as const).map((kind) => ({
    kind,
    tree: ctx.services.orgTree(kind),
  }));
  const branches = trees.find((t) => t.kind === 'party')?.tree?.nodes.map((n) => n.code) ?? [];
  // Every member has a branch of the party tree: the branches list them all.
  const codes = await new PointsMemberRepository(ctx.em).codes({ branches });
  const day = today(ctx);
  const categoriesOf = (profileId: string): readonly MemberCategory[] => {
    const profile = ctx.services.profiles().profileAt(profileId, day);
    return profile.ok ? profile.value.points.categories : [];
  };

  const orgRows = function* (): Generator<ReportCell[]> {
    for (const { kind, tree } of trees) {
      if (tree === undefined) continue;
      for (const id of tree.preorder) yield orgCells(kind, tree.nodes[id]!);
    }
  };
  const memberRows = async function* (): AsyncGenerator<ReportCell[]> {
    const repo = new PointsMemberRepository(ctx.em);
    for (let i = 0; i < codes.length; i += PAGE) {
      const page = codes.slice(i, i + PAGE);
      const [members, buildings] = await Promise.all([repo.findByCodes(page), repo.buildingsOf(page)]);
      for (const m of members)
        yield memberCells(ctx, m, buildings.get(m.code), categoriesOf(m.profileId), options);
    }
  };
  const sheets: ReportSheet[] = [
    { name: ORGANISATIONS_SHEET.name.zh, columns: headersOf(ORGANISATIONS_SHEET), rows: orgRows() },
    { name: MEMBERS_SHEET.name.zh, columns: headersOf(MEMBERS_SHEET), rows: memberRows() },
  ];
  await writeReportWorkbook(out, sheets);
}

/** The import's columns as the report writes them: its headers, every cell text. */
const headersOf = (spec: SheetSpec): ReportColumn[] => spec.columns.map((c) => ({ header: c.header }));

function orgCells(kind: TreeKind, node: OrgRow): ReportCell[] {
  const value: { readonly [K in OrgColumn]: ReportCell } = {
    code: node.code,
    name: node.name,
    tree: TREE_WORDS[kind],
    level: LEVEL_LABELS[node.level].zh,
    parent: node.parentCode,
    subtype: node.subtype === undefined ? undefined : SUBTYPE_LABELS[node.subtype].zh,
    divisionCode: node.divisionCode,
    counterpart: node.counterpart,
  };
  return ORGANISATIONS_SHEET.columns.map((c) => value[c.key]);
}

function memberCells(
  ctx: UseCaseContext,
  member: StoredMember,
  building: string | undefined,
  categories: readonly MemberCategory[],
  options: ExportOptions,
): ReportCell[] {
  const span = member.categories.at(-1);
  const category = categories.find((c) => c.code === span?.category);
  const registered = member.dualRegistrations?.find((r) => r.to === undefined);
  const value: { readonly [K in MemberColumn]: ReportCell } = {
    code: member.code,
    name: member.name,
    category: category?.name.zh ?? span?.category,
    branch: member.branch,
    grid: member.grid,
    community: member.community,
    workUnit: member.workUnit,
    mobile: personalCell(ctx, member, 'mobile', options),
    residentId: personalCell(ctx, member, 'residentId', options),
    categorySince: span?.from,
    registeredCommunity: registered?.community,
    building,
  };
  return MEMBERS_SHEET.columns.map((c) => value[c.key]);
}

const PERSONAL_COLUMNS = { residentId: 'resident_id', mobile: 'mobile' } as const;

/**
 * A member's resident ID or mobile as the caller may read it: in full when the policy allows
 * (`personal.read` on the member), each such read written to the access log; else masked.
 *
 * @example
 * personalCell(ctx, member, 'mobile', { requestId }) // '13912345678' for a county admin, '139****5678' for a branch secretary
 */
export function personalCell(
  ctx: UseCaseContext,
  member: StoredMember,
  field: keyof typeof PERSONAL_COLUMNS,
  options: ExportOptions,
): string | undefined {
  const value = member[field];
  if (value === undefined) return undefined;
  if (!allows(ctx, 'personal.read', { kind: 'member', member })) {
    return field === 'mobile' ? maskMobile(value) : maskResidentId(value);
  }
  ctx.services.accessLog.record({
    at: ctx.now.toISOString(),
    requestId: options.requestId,
    subject: ctx.principal.subject,
    role: ctx.principal.role,
    field: `points_member.${PERSONAL_COLUMNS[field]}`,
    recordId: member.code,
  });
  return value;
}
