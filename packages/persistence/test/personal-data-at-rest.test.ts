import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceProfile } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import {
  type Database,
  loggableError,
  openDatabase,
  type PersonalDataKeys,
  PointsMemberRepository,
  pendingSchemaDiff,
  ResidentRequestRepository,
  rotatePersonalDataKeys,
} from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../src/config.js';
import { PointsMemberSchema } from '../src/points/schemas.js';
import { dataKeyId } from '../src/secrets/sealing.js';
import { residentId } from './points-fixtures.js';
import { type TestDatabase, testDatabases } from './support/databases.js';

const ID = residentId('1980-05-12', 11);
const MOBILE = '13987654321';
const NAME = '李四';
const data = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
const street = data.streets[0]!.code;
const keys = (): PersonalDataKeys => ({ current: randomBytes(32), lookup: randomBytes(32) });
const configured = (k: PersonalDataKeys) => ({ source: 'configured' as const, keys: k });

const member = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  name: NAME,
  branch: 'b1',
  community: 'c1',
  categories: [{ category: 'ordinary', from: '2020-01-01' }],
  residentId: ID,
  mobile: MOBILE,
  ...over,
});

/** Everything a stolen copy of the tables would show, as one string. */
async function dump(db: Database): Promise<string> {
  const sql = db.em.getConnection();
  const rows = [
    ...(await sql.execute('select * from points_member')),
    ...(await sql.execute('select * from grid_request')),
  ];
  return JSON.stringify(rows);
}

/** A database that a second open reaches too: a file, for SQLite. */
async function reopenable(target: TestDatabase): Promise<{ url: string; drop(): Promise<void> }> {
  if (target.name === 'postgresql') return target.create();
  const dir = await mkdtemp(join(tmpdir(), 'jiceng-personal-data-'));
  return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => {} };
}

describe.each(testDatabases())('personal data at rest on $name', (target) => {
  let scratch: { url: string; drop(): Promise<void> };
  let db: Database;
  const first = keys();

  beforeAll(async () => {
    scratch = await reopenable(target);
    db = await openDatabase({ url: scratch.url, personalData: configured(first) });
    await seedGridDataset(db.em, data);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('resident IDs and mobiles stored in clear: now sealed, each under its key id, and read back whole', async () => {
    const members = new PointsMemberRepository(db.em);
    await members.saveMembers([member('m001', { mobile: '+86 139-8765-4321' })]);
    const stored = await dump(db);
    expect(stored).not.toContain(ID);
    expect(stored).not.toContain(MOBILE);
    // The number as typed, in part: not '8765' alone, which a random hex hash or key holds about once
    // in a few hundred runs.
    expect(stored).not.toContain('8765-4321');
    const [row] = await db.em
      .getConnection()
      .execute(
        `select resident_id, resident_id_hash, mobile, mobile_hash from points_member where code = 'm001'`,
      );
    expect(row!['resident_id']).toMatch(new RegExp(`^pd1:${dataKeyId(first.current)}:`));
    expect(row!['resident_id_hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(row!['mobile_hash']).not.toBe(row!['resident_id_hash']);
    const [loaded] = await members.findByCodes(['m001']);
    expect(loaded).toMatchObject({ code: 'm001', residentId: ID, mobile: MOBILE });
  });

  it('finds members by resident ID and by mobile through the lookup hash, in any written form', async () => {
    const members = new PointsMemberRepository(db.em);
    expect((await members.findByResidentId(ID.toLowerCase())).map((m) => m.code)).toEqual(['m001']);
    expect((await members.findByMobile('139 8765 4321')).map((m) => m.code)).toEqual(['m001']);
    expect(await members.findByMobile('13812345678')).toEqual([]);
    expect(await members.findByResidentId('not a number')).toEqual([]);
  });

  it('a resident request stored its reporter phone in clear: now sealed, and requests are found by it', async () => {
    const requests = new ResidentRequestRepository(db.em);
    const saved = await requests.report(
      {
        id: 'R-pd-1',
        type: 'service_request',
        at: '2025-12-22T09:00:00+08:00',
        reporter: { id: 'W0001', role: 'grid_worker' },
        location: { kind: 'address', address: '胜利街3号' },
      },
      { profileId: 'reference', rules: referenceProfile, contact: { name: NAME, phone: MOBILE } },
    );
    expect(saved.contact).toEqual({ name: NAME, phone: MOBILE });
    expect(await dump(db)).not.toContain(MOBILE);
    const [loaded] = await requests.loadMany(['R-pd-1']);
    expect(loaded?.contact.phone).toBe(MOBILE);
    const found = await requests.list(
      { streetCodes: [street], reporterPhone: '+86 139-8765-4321' },
      { limit: 10, offset: 0 },
    );
    expect(found.items.map((s) => s.request.id)).toEqual(['R-pd-1']);
  });

  it('a sealed value moved to another row does not open there', async () => {
    const members = new PointsMemberRepository(db.em);
    await members.saveMembers([member('m002', { residentId: undefined, mobile: '13800000000' })]);
    const sql = db.em.getConnection();
    await sql.execute(
      `update points_member set mobile = (select mobile from points_member where code = 'm001') where code = 'm002'`,
    );
    const [moved] = await members.findByCodes(['m002']);
    expect(() => moved?.mobile).toThrow(/does not open/);
    await members.saveMembers([member('m002', { residentId: undefined, mobile: '13800000000' })]);
  });

  it('rotation: old key ids still open after a key change, and rotate-data-key reseals every value under the new one', async () => {
    const second: PersonalDataKeys = {
      current: randomBytes(32),
      previous: [first.current],
      lookup: first.lookup,
    };
    const rotated = await openDatabase({ url: scratch.url, personalData: configured(second) });
    try {
      const members = new PointsMemberRepository(rotated.em);
      expect((await members.findByCodes(['m001']))[0]?.mobile).toBe(MOBILE);
      const summary = await rotatePersonalDataKeys(rotated);
      expect(summary.resealed).toBeGreaterThanOrEqual(3);
      expect(summary.foundUnder[dataKeyId(first.current)]).toBe(summary.resealed);
      expect((await rotatePersonalDataKeys(rotated)).resealed).toBe(0);
    } finally {
      await rotated.close();
    }
    // The old key may now be dropped; a new lookup key finds nothing until rotation hashes anew.
    const next: PersonalDataKeys = { current: second.current, lookup: randomBytes(32) };
    const later = await openDatabase({ url: scratch.url, personalData: configured(next) });
    try {
      const members = new PointsMemberRepository(later.em);
      expect((await members.findByCodes(['m001']))[0]?.residentId).toBe(ID);
      expect((await new ResidentRequestRepository(later.em).loadMany(['R-pd-1']))[0]?.contact.phone).toBe(
        MOBILE,
      );
      expect(await members.findByResidentId(ID)).toEqual([]);
      await rotatePersonalDataKeys(later);
      expect((await members.findByResidentId(ID)).map((m) => m.code)).toEqual(['m001']);
    } finally {
      await later.close();
    }
    // A key that was never configured is named, so the operator knows which one is missing.
    const stranger = await openDatabase({ url: scratch.url, personalData: configured(keys()) });
    try {
      const [m] = await new PointsMemberRepository(stranger.em).findByCodes(['m001']);
      expect(() => m?.residentId).toThrow(dataKeyId(second.current));
    } finally {
      await stranger.close();
    }
  });
});

describe.each(testDatabases())('the migration that seals personal data, on $name', (target) => {
  const previous = (engine: 'sqlite' | 'postgresql') => {
    const names = migrationsFor(engine).map((m) => m.name);
    return names[names.findIndex((n) => n.endsWith('_personal_data_sealed')) - 1]!;
  };

  async function withClearRows(db: Database): Promise<void> {
    await db.orm.getMigrator().up({ to: previous(target.name) });
    const sql = db.em.getConnection();
    await sql.execute(
      `insert into points_member (code, name, resident_id, mobile, branch_code, profile_id, categories, dual_registrations, registered_communities)
       values ('m001', ?, ?, ?, 'b1', 'reference', '[]', '[]', '||'), ('m002', 'x', null, ?, 'b1', 'reference', '[]', '[]', '||')`,
      [NAME, ID, MOBILE, '13800000000'],
    );
    await sql.execute(
      `insert into grid_request (id, type, status, level, grid_code, community_code, street_code, location, summary,
         reported_at, reported_ms, due_date, due_date_provisional, escalations, event_count, profile_id, reporter_name, reporter_phone, version)
       values ('R1', 'dispute', 'reported', 'grid', 'g1', 'c1', 's1', '{"kind":"grid","gridCode":"g1"}', '',
         '2025-12-22T09:00:00+08:00', 0, '2025-12-25', ?, 0, 1, 'reference', ?, ?, 1)`,
      [false, NAME, MOBILE],
    );
  }

  it.each(['configured', 'database'] as const)(
    'seals the clear values already stored, with %s keys, and can be undone without loss',
    async (source) => {
      const scratch = await target.create();
      const k = keys();
      const db = await openDatabase({
        url: scratch.url,
        migrate: false,
        ...(source === 'configured' ? { personalData: configured(k) } : {}),
      });
      try {
        await withClearRows(db);
        await db.orm.getMigrator().up();
        expect(await pendingSchemaDiff(db)).toBe('');
        const stored = await dump(db);
        expect(stored).not.toContain(ID);
        expect(stored).not.toContain(MOBILE);
        expect(stored).not.toContain('13800000000');
        const members = new PointsMemberRepository(db.em);
        expect(await members.findByCodes(['m001', 'm002'])).toMatchObject([
          { code: 'm001', residentId: ID, mobile: MOBILE },
          { code: 'm002', mobile: '13800000000' },
        ]);
        expect((await members.findByMobile(MOBILE)).map((m) => m.code)).toEqual(['m001']);
        expect((await new ResidentRequestRepository(db.em).loadMany(['R1']))[0]?.contact).toEqual({
          name: NAME,
          phone: MOBILE,
        });
        // Down to and including the sealing migration, whatever came after it.
        await db.orm.getMigrator().down({ to: 'Migration20261204183606_personal_data_sealed' });
        const [row] = await db.em
          .getConnection()
          .execute(`select resident_id, mobile from points_member where code = 'm001'`);
        expect(row).toEqual({ resident_id: ID, mobile: MOBILE });
      } finally {
        await db.close();
        await scratch.drop();
      }
    },
    60_000,
  );
});

describe.each(testDatabases())('statements in logs on $name', (target) => {
  const lines: string[] = [];
  let scratch: { url: string; drop(): Promise<void> };
  let db: Database;

  beforeAll(async () => {
    scratch = await target.create();
    db = await openDatabase({ url: scratch.url, debug: true, logger: (line) => lines.push(line) });
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
  });

  it('the statement log (debug) shows statements without their values', async () => {
    await new PointsMemberRepository(db.em).saveMembers([member('m001')]);
    expect(lines.join('\n')).toContain('points_member');
    expect(lines.join('\n')).not.toContain(NAME);
  });

  it('an internal error logged the whole SQL statement with its values: the loggable error has only its shape', async () => {
    const sql = db.em.getConnection();
    const failures: unknown[] = [];
    await sql
      .execute('insert into no_such_table (phone, name) values (?, ?)', [MOBILE, NAME])
      .catch((e: unknown) => failures.push(e));
    await sql
      .execute(
        `insert into points_member (code, name, branch_code, profile_id, categories, dual_registrations, registered_communities)
         values (?, ?, 'b1', 'reference', '[]', '[]', '||')`,
        ['m001', NAME],
      )
      .catch((e: unknown) => failures.push(e));
    await db.em
      .fork()
      .getConnection()
      .execute(`select * from points_member where code = ? and 1 = cast(? as integer)`, ['m001', MOBILE])
      .catch((e: unknown) => failures.push(e));
    await db.em
      .fork()
      .insert(PointsMemberSchema, {
        code: 'm001',
        name: NAME,
        branchCode: 'b1',
        profileId: 'reference',
        categories: [],
        dualRegistrations: [],
        registeredCommunities: `|${MOBILE}|`,
        residentId: null,
        residentIdHash: null,
        mobile: null,
        mobileHash: null,
        communityCode: null,
        gridCode: null,
      })
      .catch((e: unknown) => failures.push(e));
    expect(failures.length).toBeGreaterThanOrEqual(3);
    for (const failure of failures) {
      expect(JSON.stringify(failure, Object.getOwnPropertyNames(failure))).toMatch(/13987654321|李四/);
      const logged = JSON.stringify(loggableError(failure));
      expect(logged).not.toContain(MOBILE);
      expect(logged).not.toContain(NAME);
      expect(logged).not.toContain('8765');
      expect(logged).toMatch(/insert into|select/);
    }
  });
});
