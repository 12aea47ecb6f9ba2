import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Instant, referenceProfile, requestContextOf, transitionRequest, unwrap } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import {
  type Database,
  openDatabase,
  type PersonalDataKeys,
  pendingSchemaDiff,
  ResidentRequestRepository,
  rotatePersonalDataKeys,
} from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFor } from '../src/config.js';
import { dataKeyId } from '../src/secrets/sealing.js';
import { type TestDatabase, testDatabases } from './support/databases.js';

const EMAIL = 'Wang.Fang@example.cn';
const MEDIA = 'https://img.example.cn/r/楼道.jpg?size=large&v=2';
const data = generateReferenceGridDataset(referenceProfile, { scale: 0.3 });
const street = data.streets[0]!.code;
const address = data.buildings.find((b) => b.address !== undefined)!.address!;
const keys = (): PersonalDataKeys => ({ current: randomBytes(32), lookup: randomBytes(32) });
const configured = (k: PersonalDataKeys) => ({ source: 'configured' as const, keys: k });

/** A database that a second open reaches too (a file, for SQLite): key rotation opens it again. */
async function reopenable(target: TestDatabase): Promise<{ url: string; drop(): Promise<void> }> {
  if (target.name === 'postgresql') return target.create();
  const dir = await mkdtemp(join(tmpdir(), 'jiceng-open311-fields-'));
  return { url: `sqlite:${join(dir, 'test.db')}`, drop: async () => {} };
}

describe.each(testDatabases())('what an Open311 report adds to a request, on $name', (target) => {
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

  const report = (id: string, at: string, extra: Record<string, unknown> = {}) =>
    new ResidentRequestRepository(db.em).report(
      {
        id,
        type: 'safety_hazard',
        at: at as Instant,
        reporter: { id: 'open311:app-1', role: 'resident' },
        location: { kind: 'address', address },
      },
      { profileId: 'reference', rules: referenceProfile, ...extra },
    );

  it('keeps the e-mail sealed (never in clear in the table) and the media link as given, and reads both back', async () => {
    const saved = await report('R-o311-1', '2026-11-20T09:00:00+08:00', {
      contact: { name: '王芳', phone: null, email: EMAIL },
      mediaUrl: MEDIA,
    });
    expect(saved.contact.email).toBe(EMAIL);
    expect(saved.mediaUrl).toBe(MEDIA);
    const [row] = await db.em
      .getConnection()
      .execute(
        `select reporter_email, reporter_email_hash, media_url from grid_request where id = 'R-o311-1'`,
      );
    expect(row!['reporter_email']).toMatch(new RegExp(`^pd1:${dataKeyId(first.current)}:`));
    expect(row!['reporter_email_hash']).toMatch(/^[0-9a-f]{64}$/);
    expect(row!['media_url']).toBe(MEDIA);
    expect(JSON.stringify(await db.em.getConnection().execute('select * from grid_request'))).not.toContain(
      'Wang.Fang',
    );
    const [loaded] = await new ResidentRequestRepository(db.em).loadMany(['R-o311-1']);
    expect(loaded).toMatchObject({ mediaUrl: MEDIA, contact: { name: '王芳', phone: null, email: EMAIL } });
  });

  it('a request without them has none; its contact has no e-mail at all', async () => {
    const saved = await report('R-o311-2', '2026-11-21T10:00:00+08:00');
    expect(saved.mediaUrl).toBeNull();
    const [loaded] = await new ResidentRequestRepository(db.em).loadMany(['R-o311-2']);
    expect(loaded?.contact).toEqual({ name: null, phone: null });
  });

  it('updatedAt is the report time, then the time of each step written', async () => {
    const requests = new ResidentRequestRepository(db.em);
    const before = await requests.get('R-o311-2');
    expect(before?.updatedAt).toBe('2026-11-21T10:00:00+08:00');
    const next = unwrap(
      transitionRequest(
        before!.full,
        {
          action: 'reject',
          at: '2026-11-23T15:30:00+08:00' as Instant,
          actor: { id: before!.request.communityCode, role: 'community' },
          reason: '不属于本渠道受理范围',
        },
        requestContextOf(referenceProfile),
      ),
    );
    const saved = await requests.save(next, { decidedOn: before! });
    expect(saved).toMatchObject({ request: { status: 'rejected' }, updatedAt: '2026-11-23T15:30:00+08:00' });
    const [loaded] = await requests.loadMany(['R-o311-2']);
    expect(loaded?.updatedAt).toBe('2026-11-23T15:30:00+08:00');
  });

  it('lists by report time, both bounds included, on instants in any offset', async () => {
    await report('R-o311-3', '2026-11-25T08:00:00+08:00');
    const listed = async (from?: string, to?: string) =>
      (
        await new ResidentRequestRepository(db.em).list(
          {
            streetCodes: [street],
            ...(from === undefined ? {} : { reportedFrom: from as Instant }),
            ...(to === undefined ? {} : { reportedTo: to as Instant }),
          },
          { limit: 100, offset: 0 },
        )
      ).items
        .map((s) => s.request.id)
        .filter((id) => id.startsWith('R-o311-'))
        .sort();
    expect(await listed()).toEqual(['R-o311-1', 'R-o311-2', 'R-o311-3']);
    // 2026-11-21T02:00Z is R-o311-2's report time: both bounds hold it.
    expect(await listed('2026-11-21T02:00:00Z')).toEqual(['R-o311-2', 'R-o311-3']);
    expect(await listed(undefined, '2026-11-21T02:00:00Z')).toEqual(['R-o311-1', 'R-o311-2']);
    expect(await listed('2026-11-21T02:00:00.001Z', '2026-11-24T00:00:00+08:00')).toEqual([]);
  });

  it('rotate-data-key reseals the e-mail under the new key too', async () => {
    const second: PersonalDataKeys = {
      current: randomBytes(32),
      previous: [first.current],
      lookup: first.lookup,
    };
    const rotated = await openDatabase({ url: scratch.url, personalData: configured(second) });
    try {
      const summary = await rotatePersonalDataKeys(rotated);
      expect(summary.resealed).toBeGreaterThanOrEqual(1);
      const [row] = await rotated.em
        .getConnection()
        .execute(`select reporter_email from grid_request where id = 'R-o311-1'`);
      expect(row!['reporter_email']).toMatch(new RegExp(`^pd1:${dataKeyId(second.current)}:`));
      const [loaded] = await new ResidentRequestRepository(rotated.em).loadMany(['R-o311-1']);
      expect(loaded?.contact.email).toBe(EMAIL);
    } finally {
      await rotated.close();
    }
  });
});

describe.each(testDatabases())('the migration of the Open311 report fields, on $name', (target) => {
  const names = migrationsFor(target.name).map((m) => m.name);
  const self = names.find((n) => n.endsWith('_open311_report_fields'))!;
  const previous = names[names.indexOf(self) - 1]!;

  it('fills each stored request’s updated time from the last step of its trail, and can be undone', async () => {
    const scratch = await target.create();
    const db = await openDatabase({ url: scratch.url, migrate: false, personalData: configured(keys()) });
    try {
      await db.orm.getMigrator().up({ to: previous });
      const sql = db.em.getConnection();
      const insert = `insert into grid_request (id, type, status, level, grid_code, community_code, street_code, location, summary,
         reported_at, reported_ms, due_date, due_date_provisional, escalations, event_count, profile_id, version)
       values (?, 'dispute', ?, 'grid', 'g1', 'c1', 's1', '{"kind":"grid","gridCode":"g1"}', '', ?, 0, '2025-12-25', ?, 0, ?, 'reference', 1)`;
      await sql.execute(insert, ['R1', 'assigned', '2025-12-22T09:00:00+08:00', false, 2]);
      await sql.execute(insert, ['R2', 'reported', '2025-12-23T09:00:00+08:00', false, 0]);
      const event = `insert into grid_request_event (request_id, seq, at, action, actor_id, actor_role, from_status, to_status, level)
       values (?, ?, ?, ?, 'w1', 'community', ?, ?, 'grid')`;
      await sql.execute(event, ['R1', 0, '2025-12-22T09:00:00+08:00', 'report', null, 'reported']);
      await sql.execute(event, ['R1', 1, '2025-12-22T11:45:00+08:00', 'assign', 'reported', 'assigned']);
      await db.orm.getMigrator().up();
      expect(await pendingSchemaDiff(db)).toBe('');
      const rows = await sql.execute(`select id, updated_at from grid_request order by id`);
      // R2 has no trail rows at all (a hand-written row): its report time stands in.
      expect(rows).toEqual([
        { id: 'R1', updated_at: '2025-12-22T11:45:00+08:00' },
        { id: 'R2', updated_at: '2025-12-23T09:00:00+08:00' },
      ]);
      await db.orm.getMigrator().down({ to: self });
      const columns = Object.keys((await sql.execute(`select * from grid_request where id = 'R1'`))[0]!);
      expect(columns).not.toContain('updated_at');
      expect(columns).not.toContain('reporter_email');
      expect(columns).toContain('reporter_phone_hash');
    } finally {
      await db.close();
      await scratch.drop();
    }
  }, 60_000);
});
