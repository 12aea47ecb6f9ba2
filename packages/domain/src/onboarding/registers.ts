import { BUILDINGS_SHEET, TEAMS_SHEET, WORKERS_SHEET } from './grid-sheets.js';
import { GROUPS_SHEET } from './group-rows.js';
import {
  MEMBERS_SHEET,
  normaliseHeader,
  ORGANISATIONS_SHEET,
  type SheetKind,
  type SheetSpec,
} from './sheets.js';
import { UNIT_MEMBERS_SHEET, UNITS_SHEET } from './unit-sheets.js';

/**
 * The registers an import knows, and the order it reads them in: each register after those whose
 * rows its cells name, so the order of the sheets in a file never matters.
 */

/** Every register, prerequisites before the registers that need them (the template's order). */
export const REGISTER_SHEETS: readonly SheetSpec[] = [
  ORGANISATIONS_SHEET,
  BUILDINGS_SHEET,
  MEMBERS_SHEET,
  WORKERS_SHEET,
  TEAMS_SHEET,
  UNITS_SHEET,
  UNIT_MEMBERS_SHEET,
  GROUPS_SHEET,
] as readonly SheetSpec[];

/** The register a sheet name means, if any. */
export function sheetSpecByName(name: string): SheetSpec | undefined {
  const n = normaliseHeader(name);
  return REGISTER_SHEETS.find((s) =>
    [s.name.zh, s.name.en, ...s.aliases].some((candidate) => normaliseHeader(candidate) === n),
  );
}

/**
 * Which sheet may be read now, as an import goes over a file pass by pass. A register is ready
 * when every register it needs — directly or through another — is read completely, or known to
 * be absent from the file. Absence is known only once a whole pass has gone by (or for a file of
 * one sheet, a CSV), never from what a streaming reader happens to have seen: so the outcome is
 * the same whatever the order of the sheets and however fast the file is read.
 *
 * @example
 * const order = new ReadingOrder(new Map([['organisations', []], ['members', ['organisations']]]));
 * order.ready('members'); // false: the organisations sheet may still come
 * order.presentAre(['members']); // the pass ended: no organisations sheet in this file
 * order.ready('members'); // true
 */
export class ReadingOrder<K extends string = SheetKind> {
  private readonly needs = new Map<K, ReadonlySet<K>>();
  private readonly direct: ReadonlyMap<K, readonly K[]>;
  private readonly read = new Set<K>();
  private present: ReadonlySet<K> | undefined;

  constructor(requires: ReadonlyMap<K, readonly K[]>) {
    this.direct = requires;
    const closure = (kind: K, path: readonly K[]): Set<K> => {
      if (path.includes(kind)) {
        throw new Error(`registers need each other in a cycle: ${[...path, kind].join(' → ')}`);
      }
      const all = new Set<K>();
      for (const need of requires.get(kind) ?? []) {
        all.add(need);
        for (const further of closure(need, [...path, kind])) all.add(further);
      }
      return all;
    };
    for (const kind of requires.keys()) this.needs.set(kind, closure(kind, []));
  }

  /** The reading order of the import's own registers. */
  static ofRegisters(specs: readonly SheetSpec[] = REGISTER_SHEETS): ReadingOrder<SheetKind> {
    return new ReadingOrder(
      new Map(
        specs.map((s) => [s.kind, [...s.requires, ...(Object.values(s.requiresIf ?? {}) as SheetKind[])]]),
      ),
    );
  }

  private needsOf(kind: K): readonly K[] {
    return this.direct.get(kind) ?? [];
  }

  /** Every register `kind` needs read first, directly or through another. */
  prerequisites(kind: K): ReadonlySet<K> {
    return this.needs.get(kind) ?? new Set();
  }

  /** Whether a sheet of `kind` may be read now. */
  ready(kind: K): boolean {
    return this.readyFor(this.needsOf(kind));
  }

  /**
   * Whether a sheet needing these registers directly (and, through them, what they need) may be
   * read now: for a sheet whose columns say it needs fewer than its register may.
   */
  readyFor(direct: readonly K[]): boolean {
    const all = new Set<K>(direct);
    for (const d of direct) for (const further of this.prerequisites(d)) all.add(further);
    for (const need of all) {
      if (this.read.has(need)) continue;
      if (this.present !== undefined && !this.present.has(need)) continue;
      return false;
    }
    return true;
  }

  /** A sheet of `kind` has been read to its end (or refused whole: it will not be read again). */
  markRead(kind: K): void {
    this.read.add(kind);
  }

  /** The file's registers are known for sure: these, and no other. */
  presentAre(kinds: Iterable<K>): void {
    this.present = new Set(kinds);
  }
}
