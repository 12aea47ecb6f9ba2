import { REGISTER_SHEETS, ReadingOrder } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

type Kind = 'organisations' | 'members' | 'workers' | 'teams';
const CHAIN = new Map<Kind, Kind[]>([
  ['organisations', []],
  ['members', ['organisations']],
  ['workers', ['members']],
  ['teams', ['workers', 'organisations']],
]);

/**
 * The import's passes over a file whose sheets come in `sheets` order, as the gateway runs them:
 * the order sheets are read in, and how many passes it took.
 */
function passes(sheets: readonly Kind[], oneSheetFile = false): { read: Kind[]; passes: number } {
  const order = new ReadingOrder(CHAIN);
  const read: Kind[] = [];
  let deferred: Kind[] = [];
  for (const kind of sheets) {
    if (oneSheetFile) order.presentAre([kind]);
    if (order.ready(kind)) {
      read.push(kind);
      order.markRead(kind);
    } else deferred.push(kind);
  }
  order.presentAre(sheets);
  let count = 1;
  while (deferred.length > 0) {
    count += 1;
    const left = deferred.filter((kind) => {
      if (!order.ready(kind)) return true;
      read.push(kind);
      order.markRead(kind);
      return false;
    });
    if (left.length === deferred.length) throw new Error('stuck');
    deferred = left;
  }
  return { read, passes: count };
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('the reading order of registers', () => {
  it('reads every register after all it needs, for every order of the sheets', () => {
    for (const sheets of permutations<Kind>(['organisations', 'members', 'workers', 'teams'])) {
      const { read } = passes(sheets);
      expect(read, sheets.join(',')).toEqual(['organisations', 'members', 'workers', 'teams']);
    }
  });

  it('reads teams before workers before members before organisations in four passes, and in order in one', () => {
    expect(passes(['teams', 'workers', 'members', 'organisations'])).toEqual({
      read: ['organisations', 'members', 'workers', 'teams'],
      passes: 4,
    });
    expect(passes(['organisations', 'members', 'workers', 'teams']).passes).toBe(1);
  });

  it('does not wait for a register the file lacks, once a pass has shown it lacks it', () => {
    // Teams need workers (absent here) and, through them, members and organisations.
    expect(passes(['teams', 'members'])).toEqual({ read: ['members', 'teams'], passes: 3 });
    const order = new ReadingOrder(CHAIN);
    expect(order.ready('teams')).toBe(false);
    order.presentAre(['teams']);
    expect(order.ready('teams')).toBe(true);
  });

  it('reads a one-register file (a CSV) in its one pass', () => {
    for (const kind of CHAIN.keys()) expect(passes([kind], true)).toEqual({ read: [kind], passes: 1 });
  });

  it('knows what each register needs, through others too, and refuses a cycle', () => {
    expect([...new ReadingOrder(CHAIN).prerequisites('teams')].sort()).toEqual([
      'members',
      'organisations',
      'workers',
    ]);
    expect(
      () =>
        new ReadingOrder(
          new Map([
            ['a', ['b']],
            ['b', ['a']],
          ]),
        ),
    ).toThrow(/cycle/);
  });

  it('lists the import’s registers with every prerequisite before the registers that need it', () => {
    const order = ReadingOrder.ofRegisters();
    REGISTER_SHEETS.forEach((spec, i) => {
      for (const need of order.prerequisites(spec.kind)) {
        expect(REGISTER_SHEETS.findIndex((s) => s.kind === need)).toBeLessThan(i);
      }
    });
    expect(order.prerequisites('members')).toEqual(new Set(['organisations', 'buildings']));
    expect(order.prerequisites('teams')).toEqual(
      new Set(['organisations', 'workers', 'buildings', 'members']),
    );
  });

  it('reads a members sheet without a building column as soon as the organisations are read', () => {
    const order = ReadingOrder.ofRegisters();
    order.markRead('organisations');
    // 楼栋 column absent: buildings are not needed, and may still come later in the file.
    expect(order.readyFor(['organisations'])).toBe(true);
    // With it, the members sheet waits for the buildings sheet or the end of the pass.
    expect(order.ready('members')).toBe(false);
    order.presentAre(['organisations', 'members']);
    expect(order.ready('members')).toBe(true);
  });
});
