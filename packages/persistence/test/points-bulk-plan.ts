import type { PointsSeedMember } from '@jiceng/persistence/seed';

/** What the killed bulk loader loads: enough small batches that it is still busy when killed. */
export const CHILD_YEAR = 2025;
export const CHILD_SEED = 17;
export const CHILD_BATCH = 200;

export function childMembers(): PointsSeedMember[] {
  const categories = ['ordinary', 'backbone', 'in_service', 'non_public', 'mobile'] as const;
  return Array.from({ length: 600 }, (_, i) => ({
    id: `K${String(i).padStart(5, '0')}`,
    name: `党员K${i}`,
    category: categories[i % categories.length]!,
    communityCode: `330102001${String(1 + (i % 4)).padStart(3, '0')}`,
    gridCode: null,
  }));
}
