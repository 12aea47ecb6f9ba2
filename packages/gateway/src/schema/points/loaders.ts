import { createMemberDirectory, scoreYear } from '@jiceng/domain';
import {
  nextTurn,
  PointsLedgerRepository,
  PointsMemberRepository,
  type StoredMember,
  type StoredPointRecord,
} from '@jiceng/persistence';
import DataLoader from 'dataloader';
import { rulesLookup } from '../../application/points/access.js';
import type { GatewayContext } from '../../kernel/context.js';

/** A member's year: the key of the per-year loaders. */
export interface MemberYear {
  readonly member: string;
  readonly year: number;
}

/**
 * The points area's per-request DataLoaders: a list of N members costs one query for the members,
 * one for their year's entries, whatever N is.
 */
export interface PointsLoaders {
  readonly member: DataLoader<string, StoredMember | null>;
  /** A member's point entries dated in a year, in ledger order. */
  readonly yearRecords: DataLoader<MemberYear, StoredPointRecord[], string>;
  /** A member's year total (base + awards − deductions); null when no rules cover the year. */
  readonly yearTotal: DataLoader<MemberYear, number | null, string>;
  /** Whether the committee audit has locked a branch's year. */
  readonly yearLocked: DataLoader<BranchYear, boolean, string>;
}

/** A branch's year: the key of the lock loader. */
export interface BranchYear {
  readonly branch: string;
  readonly year: number;
}

const KEY = Symbol('points loaders');
const keyOf = (k: MemberYear) => `${k.year}|${k.member}`;
const branchKey = (k: BranchYear) => `${k.year}|${k.branch}`;

function byYear(keys: readonly MemberYear[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const k of keys) out.set(k.year, [...(out.get(k.year) ?? []), k.member]);
  return out;
}

/** This request's points loaders. */
export function pointsLoaders(ctx: GatewayContext): PointsLoaders {
  return ctx.loaders.get(KEY, () => {
    const members = new PointsMemberRepository(ctx.em);
    const ledger = new PointsLedgerRepository(ctx.em, { rules: rulesLookup(ctx) });
    const member = new DataLoader<string, StoredMember | null>(async (codes) => {
      const found = new Map((await members.findByCodes(codes)).map((m) => [m.code, m]));
      return codes.map((c) => found.get(c) ?? null);
    });
    const yearRecords = new DataLoader<MemberYear, StoredPointRecord[], string>(
      async (keys) => {
        const out = new Map<string, StoredPointRecord[]>();
        for (const [year, codes] of byYear(keys)) {
          for (const [code, records] of await ledger.recordsOfMembers(codes, year)) {
            out.set(keyOf({ member: code, year }), records);
          }
        }
        return keys.map((k) => out.get(keyOf(k)) ?? []);
      },
      { cacheKeyFn: keyOf },
    );
    const yearTotal = new DataLoader<MemberYear, number | null, string>(
      async (keys) => {
        const out = new Map<string, number | null>();
        const lookup = rulesLookup(ctx);
        for (const [year, codes] of byYear(keys)) {
          const known = (await member.loadMany(codes)).filter(
            (m): m is StoredMember => m !== null && !(m instanceof Error),
          );
          const records = await yearRecords.loadMany(known.map((m) => ({ member: m.code, year })));
          const recordsOf = new Map(known.map((m, i) => [m.code, records[i]]));
          // One directory and one scoring run per rule profile among the members.
          const profiles = new Map<string, StoredMember[]>();
          for (const m of known) profiles.set(m.profileId, [...(profiles.get(m.profileId) ?? []), m]);
          for (const [profileId, group] of profiles) {
            // Scoring a page of members is a run of its own: the event loop turns first, as it
            // did between the slices of rows just read.
            await nextTurn();
            const rules = lookup(profileId);
            const directory = createMemberDirectory(group);
            if (rules === undefined || !directory.ok) continue;
            const own = group.flatMap((m) => {
              const r = recordsOf.get(m.code);
              return Array.isArray(r) ? r.map((s) => s.record) : [];
            });
            const scores = scoreYear(own, { year, members: directory.value, rules });
            if (!scores.ok) continue;
            for (const [i, m] of group.entries())
              out.set(keyOf({ member: m.code, year }), scores.value.total[i]!);
          }
        }
        return keys.map((k) => out.get(keyOf(k)) ?? null);
      },
      { cacheKeyFn: keyOf },
    );
    const yearLocked = new DataLoader<BranchYear, boolean, string>(
      async (keys) => {
        const locked = new Set<string>();
        const years = new Map<number, string[]>();
        for (const k of keys) years.set(k.year, [...(years.get(k.year) ?? []), k.branch]);
        for (const [year, branches] of years) {
          for (const lock of await ledger.yearLocks([...new Set(branches)], year))
            locked.add(branchKey({ branch: lock.branch, year }));
        }
        return keys.map((k) => locked.has(branchKey(k)));
      },
      { cacheKeyFn: branchKey },
    );
    return { member, yearRecords, yearTotal, yearLocked };
  });
}
