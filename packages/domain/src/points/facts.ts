import type { PointFactKind } from '../profiles/schema.js';
import type { LocalizedText } from '../shared/errors.js';
import { categoryOn } from './members.js';
import { rulesAt } from './rules.js';
import type {
  PointEntryInput,
  PointRecord,
  PointSource,
  PointStatus,
  PointsContext,
  ReversalInput,
  RuleVersions,
} from './types.js';
import { deadlinesFor } from './workflow.js';

/**
 * Points from facts 自动记分: a pure function from facts (a meeting's attendance, a resident
 * request resolved by a member) to the system entries the profile's `points.factRules` give them,
 * each linked to its fact (`source`); and the reconciliation that brings the ledger in line with
 * the facts as they now stand, so a corrected or withdrawn fact appends a reversal of its entry
 * (append-only, the link kept) and, if it still earns one, a new entry.
 */

/** Someone a fact concerns, and what they did: present/leave/absent, or resolved. */
export interface PointFactParticipant {
  readonly member: string;
  readonly outcome: string;
}

/** A fact as the points area sees it: kind, id, day, subtype (meeting kind, request type), who. */
export interface PointFact {
  readonly kind: PointFactKind;
  readonly id: string;
  readonly date: string;
  readonly subtype: string;
  readonly participants: readonly PointFactParticipant[];
}

/** A system entry a fact earns, before it has a revision: its base key names fact, member and item. */
export interface DerivedPoint {
  /** `kind:id/member/item`; a revision after a correction adds `#2`, `#3`, … in the ledger. */
  readonly baseKey: string;
  readonly member: string;
  readonly item: string;
  readonly date: string;
  readonly quantity?: number;
  readonly source: PointSource;
}

/** Why a participant of a fact earns no entry. */
export type SkippedPointReason =
  | 'no_rules'
  | 'unknown_member'
  | 'unknown_item'
  | 'not_eligible'
  | 'deadline_passed';

export interface SkippedPoint {
  readonly member: string;
  readonly item: string;
  readonly source: PointSource;
  readonly reason: SkippedPointReason;
  readonly message: LocalizedText;
}

export interface PointDerivation {
  readonly points: readonly DerivedPoint[];
  readonly skipped: readonly SkippedPoint[];
}

/** Statuses whose entry a changed fact reverses (drafts never come from facts). */
const REVERSIBLE: ReadonlySet<PointStatus> = new Set(['submitted', 'approved', 'adjusted', 'audited']);
const MAX_KEY = 190;

/** A key that fits the ledger's 200 characters (with room for `#n` and `:reversal`). */
function fitKey(base: string): string {
  if (base.length <= MAX_KEY) return base;
  let h = 0x811c9dc5;
  for (let i = 0; i < base.length; i++) h = Math.imul(h ^ base.charCodeAt(i), 0x01000193) >>> 0;
  return `${base.slice(0, MAX_KEY - 10)}~${h.toString(36)}`;
}

export const sourceKeyOf = (source: PointSource): string => `${source.kind}:${source.id}`;

/**
 * The system entries the facts earn under the rule version in force on each fact's day: for every
 * participant, every fact rule whose fact kind, outcome and subtypes match. A participant the
 * directory does not know, or whose category the item does not apply to, is skipped with a reason
 * (the fact stands; it earns nothing). Pure and deterministic: the same facts give the same
 * entries, in fact order.
 *
 * @example
 * derivePoints([{ kind: 'org_life', id: 'M1', date: '2025-03-05', subtype: 'themed_day',
 *   participants: [{ member: 'm001', outcome: 'present' }, { member: 'm002', outcome: 'absent' }] }], context)
 * // points: m001 organisational_life × 1, m002 absence_without_leave × 1
 */
export function derivePoints(facts: readonly PointFact[], context: PointsContext): PointDerivation {
  const points: DerivedPoint[] = [];
  const skipped: SkippedPoint[] = [];
  for (const fact of facts) {
    const source: PointSource = { kind: fact.kind, id: fact.id };
    const version = rulesAt(context.rules, fact.date);
    if (!version.ok) {
      for (const p of fact.participants) {
        skipped.push({
          member: p.member,
          item: '',
          source,
          reason: 'no_rules',
          message: version.issues[0]!.message,
        });
      }
      continue;
    }
    const rules = version.value.points;
    for (const p of fact.participants) {
      for (const rule of rules.factRules) {
        if (rule.fact !== fact.kind || rule.outcome !== p.outcome) continue;
        if (rule.subtypes !== undefined && !rule.subtypes.includes(fact.subtype)) continue;
        const item = rules.items.find((i) => i.code === rule.item);
        const skip = (reason: SkippedPointReason, message: LocalizedText) =>
          skipped.push({ member: p.member, item: rule.item, source, reason, message });
        if (item === undefined) {
          skip('unknown_item', {
            zh: `积分项目“${rule.item}”在 ${fact.date} 生效的规则中不存在`,
            en: `point item "${rule.item}" is not in the rules in force on ${fact.date}`,
          });
          continue;
        }
        const at = context.members.indexOf.get(p.member);
        const member = at === undefined ? undefined : context.members.members[at];
        if (member === undefined) {
          skip('unknown_member', {
            zh: `党员名册中没有“${p.member}”`,
            en: `no member "${p.member}" in the directory`,
          });
          continue;
        }
        const category = categoryOn(member, fact.date);
        if (category === undefined || (item.categories !== 'all' && !item.categories.includes(category))) {
          skip('not_eligible', {
            zh: `“${item.name.zh}”不适用于该党员在 ${fact.date} 的类别`,
            en: `"${item.name.en}" does not apply to the member's category on ${fact.date}`,
          });
          continue;
        }
        points.push({
          baseKey: fitKey(`${sourceKeyOf(source)}/${p.member}/${item.code}`),
          member: p.member,
          item: item.code,
          date: fact.date,
          ...(item.unit === undefined ? {} : { quantity: rule.quantity ?? 1 }),
          source,
        });
      }
    }
  }
  return { points, skipped };
}

/** The inputs that bring the ledger in line with a derivation, and what earns nothing. */
export interface PointReconciliation {
  readonly inputs: readonly (PointEntryInput | ReversalInput)[];
  readonly skipped: readonly SkippedPoint[];
}

const baseOf = (key: string): { base: string; revision: number } => {
  const m = /^(.*)#(\d+)$/.exec(key);
  return m === null ? { base: key, revision: 1 } : { base: m[1]!, revision: Number(m[2]) };
};

/**
 * Brings the system's entries for the given sources in line with a derivation, on day `on`:
 * an entry the facts earn and the ledger lacks is recorded (waiting for branch review, as every
 * system entry does); one whose date or quantity changed is reversed and recorded again under the
 * next revision of its key (`#2`, …); one the facts no longer earn (the member now on leave, the
 * meeting withdrawn) is reversed. An entry the branch rejected, or that lapsed, counts nothing and
 * is left as it is. A new entry whose recording closed (the branch review deadline of its quarter)
 * is skipped with a reason. `linked` holds every entry whose source is one of `sources`. Running
 * it on its own result appends nothing.
 *
 * @example
 * const { inputs } = reconcilePoints(linked, derivePoints([meeting], context), [{ kind: 'org_life', id: 'M1' }],
 *   { rules: history, on: '2025-03-10' });
 */
export function reconcilePoints(
  linked: readonly PointRecord[],
  derivation: PointDerivation,
  sources: readonly PointSource[],
  context: { readonly rules: RuleVersions; readonly on: string },
): PointReconciliation {
  const scope = new Set(sources.map(sourceKeyOf));
  const latest = new Map<string, { record: PointRecord; revision: number }>();
  for (const r of linked) {
    const source = r.entry.source;
    if (r.entry.by.role !== 'system' || source === undefined || !scope.has(sourceKeyOf(source))) continue;
    const { base, revision } = baseOf(r.entry.key);
    const known = latest.get(base);
    if (known === undefined || known.revision < revision) latest.set(base, { record: r, revision });
  }
  const by = { role: 'system', id: 'system' } as const;
  const on = context.on;
  const inputs: (PointEntryInput | ReversalInput)[] = [];
  const skipped: SkippedPoint[] = [...derivation.skipped];
  const reverse = (record: PointRecord, reason: string) => {
    if (record.reversal !== undefined || !REVERSIBLE.has(record.status)) return;
    inputs.push({
      type: 'reversal',
      key: `${record.entry.key}:reversal`,
      entry: record.entry.key,
      reason,
      by,
      on,
    });
  };
  const wanted = new Set<string>();
  for (const d of derivation.points) {
    if (!scope.has(sourceKeyOf(d.source))) continue;
    wanted.add(d.baseKey);
    const current = latest.get(d.baseKey);
    const c = current?.record;
    if (
      c !== undefined &&
      c.reversal === undefined &&
      c.entry.member === d.member &&
      c.entry.item === d.item &&
      c.entry.date === d.date &&
      c.entry.quantity === d.quantity
    ) {
      continue;
    }
    if (c !== undefined) reverse(c, '事实已更正 the fact was corrected');
    const version = rulesAt(context.rules, d.date);
    if (version.ok) {
      const closes = deadlinesFor(d.date, version.value).branchReview;
      if (on > closes) {
        skipped.push({
          member: d.member,
          item: d.item,
          source: d.source,
          reason: 'deadline_passed',
          message: {
            zh: `${d.date} 发生事项的记分已于 ${closes} 截止（支部季度考评期限），不再自动记分`,
            en: `points for ${d.date} closed on ${closes} (the quarter's branch review); nothing is recorded automatically`,
          },
        });
        continue;
      }
    }
    const revision = (current?.revision ?? 0) + 1;
    inputs.push({
      type: 'point',
      key: revision === 1 ? d.baseKey : `${d.baseKey}#${revision}`,
      member: d.member,
      item: d.item,
      date: d.date,
      ...(d.quantity === undefined ? {} : { quantity: d.quantity }),
      evidence: [sourceKeyOf(d.source)],
      source: d.source,
      by,
      on,
    });
  }
  for (const [base, { record }] of latest) {
    if (!wanted.has(base))
      reverse(record, '事实已撤销或不再计分 the fact was withdrawn or no longer earns this');
  }
  return { inputs, skipped };
}
