import type { MemberCategory, PointItem, RuleProfile } from '../profiles/schema.js';
import type { IssuePath, LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { type PointsIssueCode, pointsIssues } from './errors.js';
import { lastDayOfYear } from './period.js';
import type { RuleVersions } from './types.js';

/** A rule version with its lookups built once: item by code, category by code. */
export interface CompiledVersion {
  readonly profile: RuleProfile;
  readonly items: ReadonlyMap<string, PointItem>;
  readonly categories: ReadonlyMap<string, MemberCategory>;
}

const compiledCache = new WeakMap<RuleProfile, CompiledVersion>();

/**
 * What scoring reads of an item: its points, kind, unit, categories and caps (not who records it,
 * which each area checks for itself).
 */
export type ScoringItem = Pick<
  PointItem,
  'code' | 'name' | 'kind' | 'points' | 'unit' | 'maxQuantity' | 'categories' | 'caps'
>;

/** What the scoring engine reads of a rule version: the base score and the item catalogue. */
export interface PointScheme {
  readonly baseScore: number;
  readonly items: readonly ScoringItem[];
}

/**
 * Which part of a rule version a scoring run reads: party-member points (`points`, the default)
 * or another catalogue scored the same way, such as CPPCC members' duty (`cppcc.duty`).
 */
export type PointSchemeOf = (profile: RuleProfile) => PointScheme;

/** Party-member points 党员积分: the profile's `points` section. */
export const memberPointsScheme: PointSchemeOf = (profile) => profile.points;

const schemeItemsCache = new WeakMap<PointScheme, ReadonlyMap<string, ScoringItem>>();

/** A scheme's items by code; a scheme is a frozen part of a profile, so this is cached per scheme. */
export function schemeItems(scheme: PointScheme): ReadonlyMap<string, ScoringItem> {
  let items = schemeItemsCache.get(scheme);
  if (items === undefined) {
    items = new Map(scheme.items.map((i) => [i.code, i]));
    schemeItemsCache.set(scheme, items);
  }
  return items;
}

/** Lookups for one version; profiles are frozen, so the result is cached per profile. */
export function compileVersion(profile: RuleProfile): CompiledVersion {
  let c = compiledCache.get(profile);
  if (c === undefined) {
    c = {
      profile,
      items: new Map(profile.points.items.map((i) => [i.code, i])),
      categories: new Map(profile.points.categories.map((k) => [k.code, k])),
    };
    compiledCache.set(profile, c);
  }
  return c;
}

export function isHistory(rules: RuleVersions): rules is Extract<RuleVersions, { versions: unknown }> {
  return 'versions' in rules;
}

/** The versions, oldest first; a single profile stands for every date. */
export function versionsOf(rules: RuleVersions): readonly RuleProfile[] {
  return isHistory(rules) ? rules.versions : [rules];
}

export function profileIdOf(rules: RuleVersions): string {
  return rules.id;
}

/** Index of the version in force on a date, -1 when none is. A single profile is always in force. */
export function versionIndexAt(rules: RuleVersions, date: string): number {
  if (!isHistory(rules)) return 0;
  const versions = rules.versions;
  let lo = 0;
  let hi = versions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (versions[mid]!.effectiveFrom <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The rule version in force on a date.
 *
 * @example
 * rulesAt(catalog.history('example_county')!, '2026-07-01') // ok: version 2026.2
 */
export function rulesAt(
  rules: RuleVersions,
  date: string,
  path: IssuePath = ['date'],
): Result<RuleProfile, PointsIssueCode> {
  const i = versionIndexAt(rules, date);
  const profile = versionsOf(rules)[i];
  return profile === undefined ? fail([pointsIssues.noRulesAtDate(date, rules.id, path)]) : ok(profile);
}

/**
 * The version a year's base score comes from: the one in force on 1 January, or the first to
 * come into force during the year when the profile starts later.
 */
export function baseRulesOf(rules: RuleVersions, year: number): Result<RuleProfile, PointsIssueCode> {
  const first = rulesAt(rules, `${String(year).padStart(4, '0')}-01-01`, []);
  if (first.ok) return first;
  const within = versionsOf(rules).find((v) => v.effectiveFrom.startsWith(`${year}-`));
  return within === undefined ? first : ok(within);
}

/** The version a year's rating and ranking follow: the one in force on 31 December. */
export function yearEndRules(rules: RuleVersions, year: number): Result<RuleProfile, PointsIssueCode> {
  return rulesAt(rules, lastDayOfYear(year), []);
}

/** `骨干类、非公企业和社会组织类` / `Backbone or Non-public…`. */
export function categoriesText(item: PointItem, version: CompiledVersion): LocalizedText {
  if (item.categories === 'all') return { zh: '全部类别', en: 'every category' };
  const names = item.categories.map((c) => version.categories.get(c)?.name ?? { zh: c, en: c });
  return { zh: names.map((n) => n.zh).join('、'), en: names.map((n) => n.en).join(' or ') };
}

export function itemApplies(item: Pick<ScoringItem, 'categories'>, category: string | undefined): boolean {
  if (category === undefined) return false;
  return item.categories === 'all' || item.categories.includes(category);
}

/** Integer hundredths: every sum is exact, so order never changes a total. */
export const CENTI = 100;

export function toCenti(points: number): number {
  return Math.round(points * CENTI);
}

/** Raw points of an entry before caps, in hundredths. */
export function rawCenti(
  item: Pick<ScoringItem, 'points'>,
  quantity: number | undefined,
  adjustedPoints?: number,
): number {
  if (adjustedPoints !== undefined) return toCenti(adjustedPoints);
  return Math.round(item.points * CENTI * (quantity ?? 1));
}
