import type { Locale } from '../shared/errors.js';
import type { RuleProfile } from './schema.js';

/** Where a setting comes from: the most specific provenance entry covering its path. */
export function provenanceOf(
  profile: RuleProfile,
  path: string,
): RuleProfile['provenance'][string] | undefined {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const entry = profile.provenance[p];
    if (entry !== undefined) return entry;
  }
  return undefined;
}

type Source = RuleProfile['provenance'][string]['source'];

/** The order sources are named in: what the county decided first, defaults last. */
const SOURCE_ORDER: readonly Source[] = ['county', 'official_notice', 'seed', 'common_practice'];

/**
 * Where the settings under `path` come from, each source once: every value under it (entries of
 * lists with codes addressed by code, as provenance is) by its most specific provenance entry,
 * and any entry recorded below it (an item the county removed has no value left to ask about).
 *
 * @example
 * sourcesUnder(countyProfile, 'grid.households') // ['county'] once the county set min, target and max
 */
export function sourcesUnder(profile: RuleProfile, path: string): Source[] {
  const found = new Set<Source>();
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null && 'code' in v)) {
      for (const entry of value as { code: unknown }[]) visit(entry, `${at}.${String(entry.code)}`);
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, `${at}.${key}`);
    } else {
      const source = provenanceOf(profile, at)?.source;
      if (source !== undefined) found.add(source);
    }
  };
  let value: unknown = profile;
  for (const key of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[key];
  visit(value, path);
  for (const [key, entry] of Object.entries(profile.provenance)) {
    if (key.startsWith(`${path}.`)) found.add(entry.source);
  }
  return SOURCE_ORDER.filter((source) => found.has(source));
}

const SOURCE_LABEL = {
  seed: { zh: '种子材料', en: 'seed' },
  common_practice: { zh: '通行做法（默认值）', en: 'common practice (default)' },
  official_notice: { zh: '官方通知', en: 'official notice' },
  county: { zh: '本县设定', en: 'county setting' },
} as const;

/**
 * A readable summary of a profile, one line per setting group, each tagged with where it comes
 * from. The `jiceng profile` command prints it.
 *
 * @example
 * console.log(summarizeProfile(referenceProfile, 'zh').join('\n'));
 */
export function summarizeProfile(profile: RuleProfile, locale: Locale): string[] {
  const zh = locale === 'zh';
  // A group's tag names every source of what it shows: a county that changed one value of a
  // group sees "county setting" there, not the default its other values still have.
  const tag = (path: string): string => {
    const sources = sourcesUnder(profile, path);
    return sources.length === 0
      ? ''
      : ` [${sources.map((s) => SOURCE_LABEL[s][locale]).join(zh ? '、' : '; ')}]`;
  };
  const { points, grid, consultation, coBuilding } = profile;
  const awards = points.items.filter((i) => i.kind === 'award').length;
  const years = Object.keys(profile.calendar).sort();
  const bands = points.ratingBands
    .map(
      (b) =>
        `${b.name[locale]}${b.minScore === undefined ? '' : ` ≥ ${b.minScore}`}${b.maxShare === undefined ? '' : ` (≤ ${Math.round(b.maxShare * 100)}%)`}`,
    )
    .join(zh ? '；' : '; ');
  const r = grid.requests;
  return [
    `${profile.name[locale]} — ${profile.id} ${profile.version}, ${zh ? '自' : 'effective'} ${profile.effectiveFrom}${profile.extends ? (zh ? `，继承 ${profile.extends}` : `, extends ${profile.extends}`) : ''}`,
    zh
      ? `党员类别 ${points.categories.length} 类：${points.categories.map((c) => c.name.zh).join('、')}${tag('points.categories')}`
      : `Member categories (${points.categories.length}): ${points.categories.map((c) => c.name.en).join(', ')}${tag('points.categories')}`,
    zh
      ? `积分项目 ${points.items.length} 项（加分 ${awards}、扣分 ${points.items.length - awards}），基础分 ${points.baseScore}${tag('points.items')}`
      : `Point items: ${points.items.length} (${awards} awards, ${points.items.length - awards} deductions), base score ${points.baseScore}${tag('points.items')}`,
    zh
      ? `考评节奏：月度自评（月末后 ${points.deadlines.selfAssessmentDaysAfterMonth} 天截止）→ 支部季度考评（${points.deadlines.branchReviewDaysAfterQuarter} 天）→ 党委年终审核（${points.deadlines.committeeAuditDaysAfterYear} 天）${tag('points.deadlines')}`
      : `Cadence: monthly self-assessment (closes ${points.deadlines.selfAssessmentDaysAfterMonth} days after month end) → quarterly branch review (${points.deadlines.branchReviewDaysAfterQuarter} days) → year-end committee audit (${points.deadlines.committeeAuditDaysAfterYear} days)${tag('points.deadlines')}`,
    `${zh ? '评定档次：' : 'Rating bands: '}${bands}${tag('points.ratingBands')}`,
    zh
      ? `共驻共建：每年评议 ${coBuilding.evaluationsPerYear} 次；社区干部考核党建权重 ${Math.round(coBuilding.cadrePartyBuildingWeight * 100)}%${tag('coBuilding.cadrePartyBuildingWeight')}`
      : `Co-building: ${coBuilding.evaluationsPerYear} evaluations a year; party building weighs ${Math.round(coBuilding.cadrePartyBuildingWeight * 100)}% in cadre assessment${tag('coBuilding.cadrePartyBuildingWeight')}`,
    zh
      ? `网格：每格 ${grid.households.min}–${grid.households.max} 户（目标 ${grid.households.target}）${tag('grid.households')}；每格网格员 ${grid.workersPerGrid} 名${tag('grid.workersPerGrid')}；党小组至少 ${grid.partyGroupMinMembers} 人`
      : `Grids: ${grid.households.min}–${grid.households.max} households (target ${grid.households.target})${tag('grid.households')}; ${grid.workersPerGrid} grid workers per grid${tag('grid.workersPerGrid')}; party groups of at least ${grid.partyGroupMinMembers}`,
    zh
      ? `民情直通车时限（工作日）：矛盾纠纷 ${r.dispute.deadlineWorkingDays}、安全隐患 ${r.safety_hazard.deadlineWorkingDays}、便民服务 ${r.service_request.deadlineWorkingDays}${tag('grid.requests')}`
      : `Request deadlines (working days): dispute ${r.dispute.deadlineWorkingDays}, safety hazard ${r.safety_hazard.deadlineWorkingDays}, service ${r.service_request.deadlineWorkingDays}${tag('grid.requests')}`,
    zh
      ? `联席会议：街道${cadenceZh(grid.jointMeetings.street)}、社区${cadenceZh(grid.jointMeetings.community)}${tag('grid.jointMeetings')}`
      : `Joint meetings: street ${grid.jointMeetings.street}, community ${grid.jointMeetings.community}${tag('grid.jointMeetings')}`,
    zh
      ? `协商小组：${consultation.group.size.min}–${consultation.group.size.max} 人（目标 ${consultation.group.size.target}）${tag('consultation.group.size')}；固定成员不少于 ${Math.round(consultation.group.minFixedShare * 100)}%`
      : `Consultation groups: ${consultation.group.size.min}–${consultation.group.size.max} people (target ${consultation.group.size.target})${tag('consultation.group.size')}; at least ${Math.round(consultation.group.minFixedShare * 100)}% fixed members`,
    zh
      ? `联络组：每乡镇委员不少于 ${consultation.liaisonGroup.minMembersPerTownship} 名，界别 ${consultation.liaisonGroup.sectorCount} 个，“五有”${consultation.liaisonGroup.fiveHaves.length} 项${tag('consultation.liaisonGroup.fiveHaves')}`
      : `Liaison groups: at least ${consultation.liaisonGroup.minMembersPerTownship} members per township, ${consultation.liaisonGroup.sectorCount} sectors, ${consultation.liaisonGroup.fiveHaves.length} "haves"${tag('consultation.liaisonGroup.fiveHaves')}`,
    zh
      ? `例行协商必议事项 ${consultation.routine.requiredItemKinds.length} 类；专题协商每年 ${consultation.thematic.perLiaisonGroupPerYear.min}–${consultation.thematic.perLiaisonGroupPerYear.max} 个${tag('consultation.thematic.perLiaisonGroupPerYear')}`
      : `Routine consultation: ${consultation.routine.requiredItemKinds.length} required item kinds; thematic: ${consultation.thematic.perLiaisonGroupPerYear.min}–${consultation.thematic.perLiaisonGroupPerYear.max} topics a year${tag('consultation.thematic.perLiaisonGroupPerYear')}`,
    zh
      ? `工作日历：${years.join('、') || '无'} 年${tag('calendar')}`
      : `Working calendar: ${years.join(', ') || 'none'}${tag('calendar')}`,
  ];
}

function cadenceZh(cadence: string): string {
  return { monthly: '每月', quarterly: '每季度', half_yearly: '每半年', yearly: '每年' }[cadence] ?? cadence;
}
