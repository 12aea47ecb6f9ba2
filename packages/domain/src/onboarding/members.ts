import { validateMobile } from '../personal/mobile.js';
import { validateResidentId } from '../personal/resident-id.js';
import type { CategorySpan, DualRegistration } from '../points/types.js';
import type { MemberCategory } from '../profiles/schema.js';
import { fromDayNumber, type LocalDate, toDayNumber } from '../shared/dates.js';
import type { ImportIssue } from './issues.js';
import { ancestorAt, findNode, type Places } from './places.js';
import { requiredIssues } from './row-rules.js';
import { cellOf, type HeaderMap, MEMBERS_SHEET, type MemberColumn, type SheetRow } from './sheets.js';

/**
 * A party member as a register row gives them, checked cell by cell, with their places resolved
 * to codes of the trees. Fields of columns the sheet does not have are left as stored
 * (`present` says which it has); a blank cell of a column it has clears the field.
 */
export interface MemberRecord {
  readonly sheet: string;
  readonly row: number;
  readonly code: string;
  readonly name: string;
  /** The category code of the rule profile. */
  readonly category: string;
  readonly categorySince?: LocalDate;
  /** The member's own party organisation (a node of the party tree). */
  readonly branch: string;
  readonly grid?: string;
  /** The residential community: given, or the grid's. */
  readonly community?: string;
  /** The street of the community, where the grid side files the member. */
  readonly street?: string;
  readonly workUnit?: string;
  /** Mobile as 11 bare digits. */
  readonly mobile?: string;
  /** Resident ID, 18 characters, check digit upper-cased. */
  readonly residentId?: string;
  /** The community an in-service member reports to 双报到. */
  readonly registeredCommunity?: string;
  /** The building they live in, by code: checked against the buildings by {@link checkMemberBuilding}. */
  readonly building?: string;
  readonly present: ReadonlySet<MemberColumn>;
}

/** What the rules give a member row to be checked against. */
export interface MemberRowRules {
  /** The member categories of the rule profile in force. */
  readonly categories: readonly MemberCategory[];
  /** Today in China: no one is born later. */
  readonly today: LocalDate;
  readonly places: Places;
}

/**
 * Checks a member row against the domain's rules: required cells, the category among the
 * profile's (by code or by name in either language), a mainland mobile, a resident ID with a
 * valid check digit and a birth date not after today, the branch a node of the party tree, the
 * grid a grid and the community a community of the administrative tree (by code or by a name only
 * one node carries), the grid inside the community. Every problem of the row is reported.
 *
 * @example
 * checkMemberRow(row, header, { categories, today: '2026-03-01', places })
 * // { record: { code: 'm001', category: 'backbone', branch: 'P330102001001', community: '330102001001', … }, issues: [] }
 */
export function checkMemberRow(
  row: SheetRow<MemberColumn>,
  map: HeaderMap<MemberColumn>,
  rules: MemberRowRules,
): { readonly record: MemberRecord | undefined; readonly issues: readonly ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const v = row.values;
  const at = (key: MemberColumn) => cellOf(MEMBERS_SHEET, map, row.row, key);
  issues.push(...requiredIssues(MEMBERS_SHEET, map, row));

  let category: string | undefined;
  if (v.category !== undefined) {
    category = categoryCode(rules.categories, v.category);
    if (category === undefined) {
      issues.push({
        ...at('category'),
        code: 'IMPORT_UNKNOWN_VALUE',
        message: {
          zh: `类别“${v.category}”不在规则配置中；可填：${rules.categories.map((c) => c.name.zh).join('、')}`,
          en: `category "${v.category}" is not in the rule profile; use one of ${rules.categories.map((c) => c.code).join(', ')}`,
        },
        details: { value: v.category },
      });
    }
  }

  let mobile: string | undefined;
  if (v.mobile !== undefined) {
    const checked = validateMobile(v.mobile);
    if (checked.ok) mobile = checked.value;
    else for (const i of checked.issues) issues.push({ ...at('mobile'), code: i.code, message: i.message });
  }
  let residentId: string | undefined;
  if (v.residentId !== undefined) {
    const checked = validateResidentId(v.residentId, { today: rules.today });
    if (checked.ok) residentId = checked.value.value;
    else
      for (const i of checked.issues) issues.push({ ...at('residentId'), code: i.code, message: i.message });
  }

  const place = (
    key: MemberColumn,
    kind: 'administrative' | 'party',
    levels?: Parameters<typeof findNode>[3],
  ) => {
    const text = v[key];
    if (text === undefined) return undefined;
    const found = findNode(rules.places, kind, text, levels);
    if (found.ok) return found.node.code;
    issues.push({
      ...at(key),
      code: found.code,
      message: found.message,
      ...(found.details ? { details: found.details } : {}),
    });
    return undefined;
  };
  const branch = place('branch', 'party');
  const grid = place('grid', 'administrative', ['grid']);
  const givenCommunity = place('community', 'administrative', ['community']);
  const registeredCommunity = place('registeredCommunity', 'administrative', ['community']);
  const gridCommunity = grid === undefined ? undefined : ancestorAt(rules.places, grid, 'community');
  if (grid !== undefined && givenCommunity !== undefined && gridCommunity !== givenCommunity) {
    issues.push({
      ...at('grid'),
      code: 'IMPORT_GRID_OUTSIDE_COMMUNITY',
      message: {
        zh: `网格“${v.grid}”不在社区“${v.community}”内`,
        en: `grid "${v.grid}" is not inside community "${v.community}"`,
      },
    });
  }
  const community = givenCommunity ?? gridCommunity;
  const street = community === undefined ? undefined : ancestorAt(rules.places, community, 'street');

  if (issues.length > 0 || category === undefined || branch === undefined)
    return { record: undefined, issues };
  return {
    record: {
      sheet: row.sheet,
      row: row.row,
      code: v.code!,
      name: v.name!,
      category,
      ...(v.categorySince === undefined ? {} : { categorySince: v.categorySince as LocalDate }),
      branch,
      ...(grid === undefined ? {} : { grid }),
      ...(community === undefined ? {} : { community }),
      ...(street === undefined ? {} : { street }),
      ...(v.workUnit === undefined ? {} : { workUnit: v.workUnit }),
      ...(mobile === undefined ? {} : { mobile }),
      ...(residentId === undefined ? {} : { residentId }),
      ...(registeredCommunity === undefined ? {} : { registeredCommunity }),
      ...(v.building === undefined ? {} : { building: v.building }),
      present: row.present,
    },
    issues,
  };
}

/** The category code a cell names: a code, or a name in Chinese or English (any case). */
export function categoryCode(categories: readonly MemberCategory[], text: string): string | undefined {
  const lower = text.toLowerCase();
  const found = categories.find(
    (c) =>
      c.code === text ||
      c.code.toLowerCase() === lower ||
      c.name.zh === text ||
      c.name.en.toLowerCase() === lower ||
      // 骨干 for 骨干类
      c.name.zh === `${text}类`,
  );
  return found?.code;
}

/**
 * A member of the register as stored, in the fields an import manages: what {@link planMember}
 * compares a row with and returns changed.
 */
export interface RegisterMember {
  readonly code: string;
  readonly name: string;
  readonly branch: string;
  readonly community?: string;
  readonly grid?: string;
  readonly street?: string;
  /** The building the grid side places them in. */
  readonly building?: string;
  readonly workUnit?: string;
  readonly mobile?: string;
  readonly residentId?: string;
  readonly categories: readonly CategorySpan[];
  readonly dualRegistrations?: readonly DualRegistration[];
}

/** Whether a row adds, changes or leaves a member, and the member after the import. */
export type MemberChange =
  | { readonly change: 'added'; readonly member: RegisterMember }
  | { readonly change: 'updated'; readonly member: RegisterMember; readonly fields: readonly string[] }
  | { readonly change: 'unchanged'; readonly member: RegisterMember };

/**
 * The member after a row is applied to what is stored (`undefined`: a new member).
 *
 * Categories are kept over time: a row naming the category in force changes nothing; another
 * category starts a new span on its `categorySince` day (the import day when blank), and spans
 * from that day on are replaced. A new member's category runs from `categorySince`, else
 * 1 January of the import year, so this year's entries are scored. The registered community
 * 双报到 works alike: the same community open changes nothing, another closes the open one the
 * day before and opens it. Columns the sheet lacks leave the stored value.
 *
 * @example
 * planMember(undefined, record, '2026-03-01')
 * // { change: 'added', member: { code: 'm001', categories: [{ category: 'backbone', from: '2026-01-01' }], … } }
 */
export function planMember(
  stored: RegisterMember | undefined,
  record: MemberRecord,
  today: LocalDate,
): MemberChange {
  const has = (key: MemberColumn) => record.present.has(key);
  const keep = <K extends keyof RegisterMember>(
    key: K,
    column: MemberColumn,
    value: RegisterMember[K] | undefined,
  ) => {
    const next = has(column) ? value : stored?.[key];
    return next === undefined ? {} : { [key]: next };
  };
  const startOfYear = `${today.slice(0, 4)}-01-01` as LocalDate;
  const categories =
    stored === undefined
      ? [{ category: record.category, from: record.categorySince ?? startOfYear }]
      : nextCategories(stored.categories, record.category, record.categorySince, today);
  const registrations = has('registeredCommunity')
    ? nextRegistrations(
        stored?.dualRegistrations ?? [],
        record.registeredCommunity,
        stored === undefined ? (record.categorySince ?? startOfYear) : today,
      )
    : (stored?.dualRegistrations ?? []);
  // Grid, community and street move together: a grid given places the member; else the community.
  const placed = has('grid') || has('community');
  const grid = placed ? record.grid : stored?.grid;
  // A building given is where they live; else they stay in theirs while in its grid.
  const building = has('building')
    ? record.building
    : stored !== undefined && stored.grid === grid
      ? stored.building
      : undefined;
  const member: RegisterMember = {
    code: record.code,
    name: record.name,
    branch: record.branch,
    ...(placed
      ? {
          ...(record.community === undefined ? {} : { community: record.community }),
          ...(record.grid === undefined ? {} : { grid: record.grid }),
          ...(record.street === undefined ? {} : { street: record.street }),
        }
      : {
          ...(stored?.community === undefined ? {} : { community: stored.community }),
          ...(stored?.grid === undefined ? {} : { grid: stored.grid }),
          ...(stored?.street === undefined ? {} : { street: stored.street }),
        }),
    ...(building === undefined ? {} : { building }),
    ...keep('workUnit', 'workUnit', record.workUnit),
    ...keep('mobile', 'mobile', record.mobile),
    ...keep('residentId', 'residentId', record.residentId),
    categories,
    ...(registrations.length === 0 ? {} : { dualRegistrations: registrations }),
  };
  if (stored === undefined) return { change: 'added', member };
  const fields = changedFields(stored, member);
  return fields.length === 0
    ? { change: 'unchanged', member: stored }
    : { change: 'updated', member, fields };
}

const COMPARED = [
  'name',
  'branch',
  'community',
  'grid',
  'street',
  'building',
  'workUnit',
  'mobile',
  'residentId',
] as const satisfies readonly (keyof RegisterMember)[];

/** The fields of a member that differ, by name. */
export function changedFields(before: RegisterMember, after: RegisterMember): string[] {
  const fields: string[] = COMPARED.filter((k) => before[k] !== after[k]);
  if (!sameSpans(before.categories, after.categories)) fields.push('categories');
  if (!sameRegistrations(before.dualRegistrations ?? [], after.dualRegistrations ?? [])) {
    fields.push('dualRegistrations');
  }
  return fields;
}

function sameSpans(a: readonly CategorySpan[], b: readonly CategorySpan[]): boolean {
  return a.length === b.length && a.every((s, i) => s.category === b[i]!.category && s.from === b[i]!.from);
}

function sameRegistrations(a: readonly DualRegistration[], b: readonly DualRegistration[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.community === b[i]!.community && r.from === b[i]!.from && r.to === b[i]!.to)
  );
}

function dayBefore(day: LocalDate): LocalDate {
  return fromDayNumber(toDayNumber(day) - 1);
}

function nextCategories(
  spans: readonly CategorySpan[],
  category: string,
  since: LocalDate | undefined,
  today: LocalDate,
): readonly CategorySpan[] {
  const last = spans.at(-1);
  if (last?.category === category && (since === undefined || last.from === since)) return spans;
  const from = since ?? today;
  const kept = spans.filter((s) => s.from < from);
  // Already in that category on the day: the row says nothing new.
  if (kept.at(-1)?.category === category) return kept;
  return [...kept, { category, from }];
}

function nextRegistrations(
  registrations: readonly DualRegistration[],
  community: string | undefined,
  from: LocalDate,
): readonly DualRegistration[] {
  const open = registrations.find((r) => r.to === undefined);
  if (open !== undefined && open.community === community) return registrations;
  if (open === undefined && community === undefined) return registrations;
  const closed = registrations.flatMap((r): DualRegistration[] => {
    if (r !== open) return [r];
    // Opened today or later: it never ran, so it goes.
    if (r.from >= from) return [];
    return [{ community: r.community, from: r.from, to: dayBefore(from) }];
  });
  return community === undefined ? closed : [...closed, { community, from }];
}
