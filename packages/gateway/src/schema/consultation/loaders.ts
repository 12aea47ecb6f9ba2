import type { ConsultationStatus, CppccMember, Sector, TownshipFilingCount, Village } from '@jiceng/domain';
import type { StoredConsultation, StoredLiaisonGroup } from '@jiceng/persistence';
import DataLoader from 'dataloader';
import {
  consultationsOf,
  cppccMembersOf,
  cppccSectors,
  filingCountsOf,
  liaisonGroupsOf,
} from '../../application/consultation/reads.js';
import type { GatewayContext } from '../../kernel/context.js';

/**
 * The consultation area's per-request DataLoaders: a field that needs rows of another table for
 * each of many parents (the liaison group of each consultation, the consultations and filings of
 * each township) collects the parents' keys and loads them in one query per kind of row.
 */
export interface ConsultationLoaders {
  readonly liaisonGroup: DataLoader<string, StoredLiaisonGroup | null>;
  /** A township's consultations of a year (all years when `year` is null), optionally of one status. */
  readonly consultations: DataLoader<
    TownshipYear & { readonly status: ConsultationStatus | null },
    StoredConsultation[],
    string
  >;
  /** CPPCC members of every level living in a township. */
  readonly members: DataLoader<string, CppccMember[]>;
  readonly sectors: DataLoader<'all', Sector[]>;
  /** Minutes filed per township for the meetings of a year (all years when `year` is null). */
  readonly filings: DataLoader<
    TownshipYear & { readonly villages: readonly Village[] },
    TownshipFilingCount,
    string
  >;
}

interface TownshipYear {
  readonly township: string;
  readonly year: number | null;
}

const KEY = Symbol('consultation loaders');

/** Groups keys that share a query (same year, same status) so each group is one query. */
function groupBy<K, G>(keys: readonly K[], of: (key: K) => G): Map<G, K[]> {
  const groups = new Map<G, K[]>();
  for (const key of keys) {
    const g = of(key);
    const list = groups.get(g);
    if (list === undefined) groups.set(g, [key]);
    else list.push(key);
  }
  return groups;
}

/** This request's consultation loaders. */
export function consultationLoaders(ctx: GatewayContext): ConsultationLoaders {
  return ctx.loaders.get(KEY, () => {
    return {
      liaisonGroup: new DataLoader(async (townships) => {
        const found = new Map((await liaisonGroupsOf(ctx, townships)).map((g) => [g.group.township, g]));
        return townships.map((t) => found.get(t) ?? null);
      }),
      consultations: new DataLoader(
        async (keys) => {
          const out = new Map<string, StoredConsultation[]>();
          for (const [group, same] of groupBy(keys, (k) => `${k.year ?? ''}|${k.status ?? ''}`)) {
            const { year, status } = same[0]!;
            const rows = await consultationsOf(ctx, {
              townships: same.map((k) => k.township),
              ...(year === null ? {} : { year }),
              ...(status === null ? {} : { status }),
            });
            for (const k of same) {
              out.set(
                `${k.township}|${group}`,
                rows.filter((r) => r.consultation.topic.township === k.township),
              );
            }
          }
          return keys.map((k) => out.get(`${k.township}|${k.year ?? ''}|${k.status ?? ''}`) ?? []);
        },
        { cacheKeyFn: (k) => `${k.township}|${k.year ?? ''}|${k.status ?? ''}` },
      ),
      members: new DataLoader(async (townships) => {
        const all = await cppccMembersOf(ctx, townships);
        return townships.map((t) => all.filter((m) => m.township === t));
      }),
      sectors: new DataLoader(async (keys) => {
        const sectors = await cppccSectors(ctx);
        return keys.map(() => sectors);
      }),
      filings: new DataLoader(
        async (keys) => {
          const out = new Map<string, TownshipFilingCount>();
          for (const [year, same] of groupBy(keys, (k) => k.year)) {
            const counts = await filingCountsOf(
              ctx,
              same.map((k) => k.township),
              same.flatMap((k) => k.villages),
              year,
            );
            for (const c of counts) out.set(`${c.township}|${year ?? ''}`, c);
          }
          return keys.map(
            (k) =>
              out.get(`${k.township}|${k.year ?? ''}`) ?? {
                township: k.township,
                total: 0,
                late: 0,
                villages: [],
              },
          );
        },
        { cacheKeyFn: (k) => `${k.township}|${k.year ?? ''}` },
      ),
    };
  });
}
