import type { LocalizedText } from '../shared/errors.js';
import { ok, type Result } from '../shared/result.js';
import { fmt, type PointsIssueCode } from './errors.js';
import { derivePoints, type PointFact, sourceKeyOf } from './facts.js';
import { yearPeriod } from './period.js';
import { type MemberRating, rateMembers } from './rating.js';
import { scoreYear } from './scoring-columns.js';
import { type Explanation, type ExplanationLine, explainPoints } from './scoring-explain.js';
import type { MemberDirectory, PointRecord, RuleVersions } from './types.js';

/** What changed for a member under the draft rules, and why. */
export type WhatIfChangeKind =
  | 'base'
  | 'item_points'
  | 'item_kind'
  | 'cap'
  | 'item_removed'
  | 'item_added'
  | 'eligibility'
  | 'fact_rule'
  | 'band';

export interface WhatIfChange {
  readonly kind: WhatIfChangeKind;
  /** The entry concerned, for entry-level changes. */
  readonly key?: string;
  readonly item?: string;
  /** Points the entry (or the base, or the band) contributed before and after. */
  readonly before: number | string;
  readonly after: number | string;
  readonly message: LocalizedText;
}

export interface MemberWhatIf {
  readonly member: string;
  readonly before: { readonly total: number; readonly band: string };
  readonly after: { readonly total: number; readonly band: string };
  readonly delta: number;
  readonly changes: readonly WhatIfChange[];
}

export interface WhatIfReport {
  readonly year: number;
  /** Members whose total or band would change, in directory order. */
  readonly members: readonly MemberWhatIf[];
  readonly unchanged: number;
  readonly summary: LocalizedText;
}

/** Options of `whatIf`. */
export interface WhatIfOptions {
  readonly year: number;
  readonly members: MemberDirectory;
  /** The rules the year was scored under (usually the county's history). */
  readonly current: RuleVersions;
  /** The draft: a single profile applies to every date of the year. */
  readonly draft: RuleVersions;
  /**
   * The facts behind the year's system entries (meetings, resolved requests): when given, their
   * entries are derived again under the draft's fact rules, so a draft that changes which fact
   * earns which item is scored too. An entry the draft adds is counted as if the branch approved
   * it; one it keeps keeps its status.
   */
  readonly facts?: readonly PointFact[];
}

/**
 * Scores a past year again under draft rules and lists, member by member, what would change
 * and why: an item's points, a cap, an item removed or added, who it applies to, the base
 * score, and the band (by threshold or by quota). What a county wants to see before it
 * publishes new rules.
 *
 * @example
 * const report = unwrap(whatIf(pointRecords(ledger, { year: 2025 }), {
 *   year: 2025, members, current: history, draft: defineRuleProfile({ ...draftChanges }),
 * }));
 * report.members[0]?.changes[0]?.message.zh // '“志愿服务”每小时 1 分改为 2 分：本条由 4 分变为 8 分'
 */
export function whatIf(
  records: readonly PointRecord[],
  options: WhatIfOptions,
): Result<WhatIfReport, PointsIssueCode> {
  const { year, members } = options;
  const mine = records.filter((r) => r.entry.date.startsWith(`${year}-`));
  const beforeScores = scoreYear(mine, { year, members, rules: options.current });
  if (!beforeScores.ok) return beforeScores;
  const draftRecords = options.facts === undefined ? mine : underDraftFacts(mine, options.facts, options);
  const afterScores = scoreYear(draftRecords, { year, members, rules: options.draft });
  if (!afterScores.ok) return afterScores;
  const beforeRating = rateMembers(beforeScores.value, { rules: options.current });
  if (!beforeRating.ok) return beforeRating;
  const afterRating = rateMembers(afterScores.value, { rules: options.draft });
  if (!afterRating.ok) return afterRating;

  const byMember = groupByMember(mine);
  const draftByMember = draftRecords === mine ? byMember : groupByMember(draftRecords);
  const out: MemberWhatIf[] = [];
  const n = members.members.length;
  for (let m = 0; m < n; m++) {
    const code = members.members[m]!.code;
    const tb = beforeScores.value.total[m]!;
    const ta = afterScores.value.total[m]!;
    const rb = beforeRating.value.ratings[m]!;
    const ra = afterRating.value.ratings[m]!;
    if (tb === ta && rb.band === ra.band) continue;
    const own = byMember.get(code) ?? [];
    const eb = explainPoints(own, code, yearPeriod(year), { members, rules: options.current });
    if (!eb.ok) return eb;
    const ea = explainPoints(draftByMember.get(code) ?? [], code, yearPeriod(year), {
      members,
      rules: options.draft,
    });
    if (!ea.ok) return ea;
    const changes = [...lineChanges(eb.value, ea.value), ...bandChange(rb, ra)];
    out.push({
      member: code,
      before: { total: tb, band: rb.band },
      after: { total: ta, band: ra.band },
      delta: Math.round((ta - tb) * 100) / 100,
      changes,
    });
  }
  const up = out.filter((c) => c.delta > 0).length;
  const down = out.filter((c) => c.delta < 0).length;
  const bands = out.filter((c) => c.before.band !== c.after.band).length;
  return ok({
    year,
    members: out,
    unchanged: n - out.length,
    summary: {
      zh: `按草案重算 ${year} 年：${out.length} 名党员结果变化（升 ${up}、降 ${down}，档次变化 ${bands}），${n - out.length} 名不变`,
      en: `${year} scored again under the draft: ${out.length} members change (${up} up, ${down} down, ${bands} change band), ${n - out.length} unchanged`,
    },
  });
}

function groupByMember(records: readonly PointRecord[]): Map<string, PointRecord[]> {
  const byMember = new Map<string, PointRecord[]>();
  for (const r of records) {
    const list = byMember.get(r.entry.member);
    if (list === undefined) byMember.set(r.entry.member, [r]);
    else list.push(r);
  }
  return byMember;
}

/**
 * The year's records with the system entries of the given facts derived again under the draft:
 * an entry both derive keeps its record (status, steps), with the draft's date and quantity; one
 * only the draft derives is counted as approved; one only the current rules derived is dropped.
 */
function underDraftFacts(
  mine: readonly PointRecord[],
  facts: readonly PointFact[],
  options: WhatIfOptions,
): PointRecord[] {
  const covered = new Set(facts.map((f) => sourceKeyOf(f)));
  const kept: PointRecord[] = [];
  const current = new Map<string, PointRecord>();
  for (const r of mine) {
    const source = r.entry.source;
    if (source === undefined || !covered.has(sourceKeyOf(source))) kept.push(r);
    else if (r.status !== 'reversed') current.set(r.entry.key.replace(/#\d+$/, ''), r);
  }
  const prefix = `${options.year}-`;
  const derived = derivePoints(
    facts.filter((f) => f.date.startsWith(prefix)),
    { rules: options.draft, members: options.members },
  );
  for (const d of derived.points) {
    const was = current.get(d.baseKey);
    const { quantity: _q, ...entry } = was?.entry ?? {
      type: 'point' as const,
      key: d.baseKey,
      member: d.member,
      item: d.item,
      date: d.date,
      source: d.source,
      by: { role: 'system' as const, id: 'system' },
      on: d.date,
      seq: -1,
    };
    kept.push({
      ...(was ?? { status: 'approved' as const, lastStepOn: d.date, steps: [] }),
      entry: { ...entry, date: d.date, ...(d.quantity === undefined ? {} : { quantity: d.quantity }) },
    });
  }
  return kept;
}

function name(line: ExplanationLine): LocalizedText {
  return line.itemName ?? { zh: line.item, en: line.item };
}

function lineChanges(before: Explanation, after: Explanation): WhatIfChange[] {
  const changes: WhatIfChange[] = [];
  if (before.base !== after.base) {
    changes.push({
      kind: 'base',
      before: before.base,
      after: after.base,
      message: {
        zh: `基础分由 ${fmt(before.base)} 分改为 ${fmt(after.base)} 分`,
        en: `the base score changes from ${fmt(before.base)} to ${fmt(after.base)}`,
      },
    });
  }
  const afterByKey = new Map(after.lines.map((l) => [l.key, l]));
  const beforeKeys = new Set(before.lines.map((l) => l.key));
  // Entries only one side has: a draft fact rule adds or drops a system entry.
  for (const [line, added] of [
    ...before.lines.filter((l) => !afterByKey.has(l.key)).map((l) => [l, false] as const),
    ...after.lines.filter((l) => !beforeKeys.has(l.key)).map((l) => [l, true] as const),
  ]) {
    if (line.points === 0) continue;
    const n = name(line);
    const pts = added
      ? { zh: `本条由 0 分变为 ${fmt(line.points)} 分`, en: `this entry goes from 0 to ${fmt(line.points)}` }
      : { zh: `本条由 ${fmt(line.points)} 分变为 0 分`, en: `this entry goes from ${fmt(line.points)} to 0` };
    changes.push({
      kind: 'fact_rule',
      key: line.key,
      item: line.item,
      before: added ? 0 : line.points,
      after: added ? line.points : 0,
      message: added
        ? {
            zh: `草案的自动记分规则按事实记“${n.zh}”：${pts.zh}`,
            en: `the draft's fact rules record "${n.en}" for the fact: ${pts.en}`,
          }
        : {
            zh: `草案的自动记分规则不再按事实记“${n.zh}”：${pts.zh}`,
            en: `the draft's fact rules no longer record "${n.en}" for the fact: ${pts.en}`,
          },
    });
  }
  for (const b of before.lines) {
    const a = afterByKey.get(b.key);
    if (a === undefined || a.points === b.points) continue;
    const n = name(b.itemName === undefined ? a : b);
    const common = { key: b.key, item: b.item, before: b.points, after: a.points };
    const pts = {
      zh: `本条由 ${fmt(b.points)} 分变为 ${fmt(a.points)} 分`,
      en: `this entry goes from ${fmt(b.points)} to ${fmt(a.points)}`,
    };
    if (b.excluded === undefined && a.excluded?.reason === 'unknown_item') {
      changes.push({
        kind: 'item_removed',
        ...common,
        message: { zh: `草案删除了“${n.zh}”：${pts.zh}`, en: `the draft removes "${n.en}": ${pts.en}` },
      });
    } else if (b.excluded?.reason === 'unknown_item' && a.excluded === undefined) {
      changes.push({
        kind: 'item_added',
        ...common,
        message: { zh: `草案新增了“${n.zh}”：${pts.zh}`, en: `the draft adds "${n.en}": ${pts.en}` },
      });
    } else if (b.excluded?.reason === 'not_eligible' || a.excluded?.reason === 'not_eligible') {
      changes.push({
        kind: 'eligibility',
        ...common,
        message: {
          zh: `草案改变了“${n.zh}”适用的党员类别：${pts.zh}`,
          en: `the draft changes which categories "${n.en}" applies to: ${pts.en}`,
        },
      });
    } else if (b.excluded === undefined && a.excluded === undefined && a.kind !== b.kind) {
      changes.push({
        kind: 'item_kind',
        ...common,
        message: {
          zh: `草案把“${n.zh}”由${kindZh(b.kind)}改为${kindZh(a.kind)}：${pts.zh}`,
          en: `the draft turns "${n.en}" from ${b.kind} into ${a.kind}: ${pts.en}`,
        },
      });
    } else if (a.requested !== b.requested) {
      changes.push({
        kind: 'item_points',
        ...common,
        message: {
          zh: `草案调整了“${n.zh}”的分值（封顶前 ${fmt(b.requested)} → ${fmt(a.requested)} 分）：${pts.zh}`,
          en: `the draft changes the points of "${n.en}" (before caps ${fmt(b.requested)} → ${fmt(a.requested)}): ${pts.en}`,
        },
      });
    } else {
      const capText = (l: ExplanationLine) =>
        l.cap === undefined ? { zh: '未封顶', en: 'not capped' } : l.cap.message;
      changes.push({
        kind: 'cap',
        ...common,
        message: {
          zh: `封顶规则变化：现行 ${capText(b).zh}；草案 ${capText(a).zh}。${pts.zh}`,
          en: `caps change: now ${capText(b).en}; draft ${capText(a).en}. ${pts.en}`,
        },
      });
    }
  }
  return changes;
}

function kindZh(kind: string | undefined): string {
  return kind === 'deduction' ? '扣分' : '加分';
}

function bandChange(before: MemberRating, after: MemberRating): WhatIfChange[] {
  if (before.band === after.band) return [];
  const quota = after.heldBack[0] ?? before.heldBack[0];
  const why =
    quota !== undefined && after.heldBack.length > 0 !== before.heldBack.length > 0
      ? quota.message
      : {
          zh: `得分达到的档次线由“${before.thresholdBandName.zh}”变为“${after.thresholdBandName.zh}”`,
          en: `the band the score reaches changes from "${before.thresholdBandName.en}" to "${after.thresholdBandName.en}"`,
        };
  return [
    {
      kind: 'band',
      before: before.band,
      after: after.band,
      message: {
        zh: `评定档次由“${before.bandName.zh}”变为“${after.bandName.zh}”：${why.zh}`,
        en: `the rating goes from "${before.bandName.en}" to "${after.bandName.en}": ${why.en}`,
      },
    },
  ];
}
