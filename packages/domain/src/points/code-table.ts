/**
 * Ids for a small, fixed set of codes (a year's item codes), found without hashing the string
 * looked up. A string read from a database row or a request is a fresh copy whose hash V8 has
 * not computed yet; `Map.get` hashes all of it first, which costs more than the rest of compiling
 * an entry. Here the slot comes from the length and four characters, and one `===` against the
 * code stored there (a comparison of characters, no hash) confirms it. Collisions only cost a
 * probe: whatever the codes, a lookup answers exactly as a `Map` of them would.
 *
 * @example
 * const table = new CodeTable(['grid_duty', 'honour']);
 * table.idOf('honour') // 1
 * table.idOf('unknown') // -1
 */
export class CodeTable {
  private readonly keys: string[];
  private readonly ids: Int32Array;
  private readonly mask: number;

  constructor(codes: readonly string[]) {
    let size = 8;
    while (size < codes.length * 4) size *= 2;
    this.mask = size - 1;
    this.keys = new Array<string>(size).fill('');
    this.ids = new Int32Array(size).fill(-1);
    codes.forEach((code, id) => {
      let h = probeStart(code) & this.mask;
      while (this.ids[h]! !== -1) {
        if (this.keys[h] === code) return;
        h = (h + 1) & this.mask;
      }
      this.keys[h] = code;
      this.ids[h] = id;
    });
  }

  /** The code's id (its position in the list given), or -1 when it is not one of them. */
  idOf(code: string): number {
    const mask = this.mask;
    let h = probeStart(code) & mask;
    for (;;) {
      const id = this.ids[h]!;
      if (id === -1 || this.keys[h] === code) return id;
      h = (h + 1) & mask;
    }
  }
}

/** Where a code's probe starts: its length and four of its characters, mixed. */
function probeStart(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let h = Math.imul(n, 0x9e3779b1);
  h = Math.imul(h ^ s.charCodeAt(0), 0x85ebca6b);
  h = Math.imul(h ^ s.charCodeAt(n - 1), 0xc2b2ae35);
  h = Math.imul(h ^ s.charCodeAt(n >> 1), 0x27d4eb2f);
  h = Math.imul(h ^ s.charCodeAt((n * 3) >> 2), 0x165667b1);
  return h ^ (h >>> 15);
}
