import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { calendarYearsFromEvents, referenceProfile, unwrap } from '@jiceng/domain';
import { generateReferenceGridDataset } from '@jiceng/domain/reference';
import {
  calendarEventsFromIcs,
  createGateway,
  createGatewayServices,
  createTokenService,
  type GatewayServices,
  runCli,
} from '@jiceng/gateway';
import { type Database, openDatabase, ResidentRequestRepository } from '@jiceng/persistence';
import { seedGridDataset } from '@jiceng/persistence/seed';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, gql, SECRET } from './support.js';

// The working-day calendar ran out on 2026-12-31: these tests run the gateway with clocks in
// December and across New Year, then add 2027 the way a county would.
const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
/** Test data shaped like a schedule: 01-01…01-04 off, Saturday 01-09 worked. Not the real notice. */
const ICS_2027 = await fixture('calendar-2027-test.ics');

describe('reading a published schedule (.ics)', () => {
  it('reads every year the chinese-days package publishes into the reference calendar, day for day', async () => {
    const require = createRequire(import.meta.url);
    const dir = join(dirname(require.resolve('chinese-days/package.json')), 'dist', 'years');
    const files = (await readdir(dir)).filter((f) => /^\d{4}\.ics$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(23);
    for (const file of files) {
      const years = unwrap(
        calendarYearsFromEvents(unwrap(calendarEventsFromIcs(await readFile(join(dir, file), 'utf8')))),
      );
      const year = file.slice(0, 4);
      expect(years[year], file).toEqual(referenceProfile.calendar[year]);
    }
    // The English files mark days with (Holiday)/(Workday) and read the same.
    const en = unwrap(calendarEventsFromIcs(await readFile(join(dir, '2026.en.ics'), 'utf8')));
    expect(unwrap(calendarYearsFromEvents(en))['2026']).toEqual(referenceProfile.calendar['2026']);
  });

  it('reads the kinds from X-APPLE-SPECIAL-DAY, the description or the summary', () => {
    const events = unwrap(calendarEventsFromIcs(ICS_2027));
    expect(events.map((e) => [e.start, e.end, e.kind])).toEqual([
      ['2027-01-01', '2027-01-05', 'holiday'],
      ['2027-01-09', '2027-01-10', 'makeup_workday'],
      ['2027-02-05', '2027-02-13', 'holiday'],
      ['2027-02-14', '2027-02-15', 'makeup_workday'],
    ]);
  });

  it('refuses what is not a schedule, with a code and both languages', () => {
    const codes = (text: string) => {
      const r = calendarEventsFromIcs(text);
      return r.ok ? [] : r.issues.map((i) => i.code);
    };
    expect(codes('not a calendar')).toEqual(['CALENDAR_ICS_INVALID']);
    expect(codes('BEGIN:VCARD\nVERSION:4.0\nEND:VCARD')).toEqual(['CALENDAR_ICS_INVALID']);
    const timed = ICS_2027.replace('DTSTART;VALUE=DATE:20270101', 'DTSTART:20270101T090000');
    expect(codes(timed)).toEqual(['CALENDAR_ICS_NOT_ALL_DAY']);
    const unmarked = ICS_2027.replace('SUMMARY:Spring Festival(Workday)', 'SUMMARY:Team dinner');
    expect(codes(unmarked)).toEqual(['CALENDAR_ICS_UNKNOWN_EVENT']);
    const r = calendarEventsFromIcs(unmarked);
    expect(!r.ok && r.issues[0]?.message.zh).toContain('Team dinner');
    expect(codes('x'.repeat(3 * 1024 * 1024))).toEqual(['CALENDAR_ICS_INVALID']);
  });
});

const dataset = generateReferenceGridDataset(referenceProfile, { scale: 0.1 });
const grid = dataset.grids[0]!;

describe.each(e2eDatabases())('across New Year on $name', (engine) => {
  let clock = new Date('2026-12-04T02:00:00Z');
  let db: Database;
  let services: GatewayServices;
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  const tokens = createTokenService(SECRET);
  const token = (role: string, scope: string) =>
    tokens.issue(
      { subject: `t-${role}`, role: role as never, scope },
      { now: clock, expiresInSeconds: 3600 },
    );

  beforeAll(async () => {
    const scratch = await engine.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    await seedGridDataset(db.em, dataset);
    await services.reloadOrgTrees();
    app = await createGateway({
      services,
      tokens,
      environment: 'test',
      now: () => clock,
      logger: { error: () => {} },
    });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await services.close();
    await db.close();
    await drop();
  }, 60_000);

  const report = async (id: string, type: string) => {
    const r = await gql(
      app,
      `mutation($input: ReportResidentRequestInput!) { reportResidentRequest(input: $input) {
        id dueDate dueDateProvisional sla { dueDate provisional } } }`,
      {
        token: await token('grid_worker', grid.code),
        variables: { input: { id, type, location: { grid: grid.code }, summary: '跨年诉求' } },
      },
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data?.['reportResidentRequest'] as Record<string, unknown>;
  };
  const open311 = async (id: string) => {
    const key = await token('street_admin', grid.streetCode);
    const res = await app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json?api_key=${key}` });
    expect(res.statusCode).toBe(200);
    return res.json()[0] as Record<string, unknown>;
  };
  const importCalendar = async (ics: string, role = 'county_admin') =>
    gql(
      app,
      `mutation($input: ImportCalendarInput!) { importCalendar(input: $input) {
        profileId added unchanged version effectiveFrom recounted } }`,
      {
        token: await token(role, role === 'county_admin' ? '330102' : grid.code),
        variables: { input: { ics } },
      },
    );

  it('warns on /readyz from 60 days before the calendar runs out, and stays ready', async () => {
    clock = new Date('2026-10-01T02:00:00Z');
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    clock = new Date('2026-12-04T02:00:00Z');
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'ready',
      warnings: [
        { profileId: 'reference', code: 'CALENDAR_ENDING_SOON', endsOn: '2026-12-31', daysLeft: 27 },
      ],
    });
    const q = await gql(app, '{ calendarWarnings { profileId code daysLeft message { zh } } }', {
      token: await token('street_admin', grid.streetCode),
    });
    expect(q.data?.['calendarWarnings']).toMatchObject([{ profileId: 'reference', daysLeft: 27 }]);
  });

  it('accepts every report in the last days of December, with provisional deadlines where 2027 counts', async () => {
    clock = new Date('2026-12-24T02:00:00Z');
    expect(await report('NY-dispute-1224', 'dispute')).toMatchObject({
      dueDate: '2026-12-31',
      dueDateProvisional: false,
    });
    clock = new Date('2026-12-28T02:00:00Z');
    expect(await report('NY-dispute-1228', 'dispute')).toEqual({
      id: 'NY-dispute-1228',
      dueDate: '2027-01-04',
      dueDateProvisional: true,
      sla: { dueDate: '2027-01-04', provisional: true },
    });
    clock = new Date('2026-12-31T15:00:00Z'); // 23:00 on New Year's Eve in China
    expect(await report('NY-hazard-1231', 'safety_hazard')).toMatchObject({
      dueDate: '2027-01-04',
      dueDateProvisional: true,
    });
    expect(await open311('NY-dispute-1228')).toMatchObject({
      expected_datetime: '2027-01-04T23:59:59+08:00',
      expected_datetime_provisional: true,
    });
  });

  it('lists requests with their SLA in January without failing the list', async () => {
    clock = new Date('2027-01-05T01:00:00Z');
    const r = await gql(
      app,
      `{ residentRequests(first: 100, scope: "${grid.code}") { totalCount edges { node { id sla { overdue provisional } } } } }`,
      { token: await token('grid_worker', grid.code) },
    );
    expect(r.status).toBe(200);
    expect(r.errors).toBeUndefined();
    const list = r.data?.['residentRequests'] as { edges: { node: { id: string; sla: unknown } }[] };
    const nodes = list.edges;
    expect(nodes.length).toBeGreaterThan(2);
    expect(nodes.every((e) => e.node.sla !== null)).toBe(true);
    expect(nodes.find((e) => e.node.id === 'NY-dispute-1228')?.node.sla).toEqual({
      overdue: true,
      provisional: true,
    });
  });

  it('adds 2027 for county administrators only, and recounts the provisional deadlines at once', async () => {
    clock = new Date('2026-12-31T16:30:00Z'); // 00:30 on 1 January 2027 in China
    expect((await importCalendar(ICS_2027, 'grid_worker')).errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN',
    );
    clock = new Date('2026-12-30T02:00:00Z');
    const r = await importCalendar(ICS_2027);
    expect(r.errors).toBeUndefined();
    expect(r.data?.['importCalendar']).toEqual({
      profileId: 'reference',
      added: [2027],
      unchanged: [],
      version: 'calendar 2027',
      effectiveFrom: '2026-12-30',
      recounted: 2,
    });
    // Stored: 12-29, 12-30, 12-31, then 01-01…01-04 off, 01-05, 01-06.
    const stored = await new ResidentRequestRepository(db.em).get('NY-dispute-1228');
    expect([stored?.request.dueDate, stored?.request.dueDateProvisional]).toEqual(['2027-01-06', false]);
    const hazard = await new ResidentRequestRepository(db.em).get('NY-hazard-1231');
    expect([hazard?.request.dueDate, hazard?.request.dueDateProvisional]).toEqual(['2027-01-06', false]);
    expect(await open311('NY-dispute-1228')).toMatchObject({
      expected_datetime: '2027-01-06T23:59:59+08:00',
      expected_datetime_provisional: false,
    });
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready' });
    // A gateway started afterwards on the same database reads the new version.
    const fresh = await createGatewayServices(db, { record: () => {} });
    expect(
      unwrap(fresh.profiles().profileAt('reference', '2026-12-30')).calendar['2027']?.makeupWorkdays,
    ).toEqual(['2027-01-09', '2027-02-14']);
    expect(unwrap(fresh.profiles().profileAt('reference', '2026-12-29')).calendar['2027']).toBeUndefined();
    await fresh.close();
  });

  it('skips a year it already has, and refuses one listed with other days', async () => {
    const again = await importCalendar(ICS_2027);
    expect(again.data?.['importCalendar']).toMatchObject({ added: [], unchanged: [2027], version: null });
    const edited = ICS_2027.replace('DTEND;VALUE=DATE:20270105', 'DTEND;VALUE=DATE:20270104');
    const refused = await importCalendar(edited);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const issues = refused.errors?.[0]?.extensions?.['issues'] as { code: string; message: { en: string } }[];
    expect(issues.map((i) => i.code)).toEqual(['CALENDAR_YEAR_DIFFERS']);
    expect(issues[0]?.message.en).toContain('2027-01-04(休)');
    const codeOf = (r: Awaited<ReturnType<typeof importCalendar>>) => {
      const found = r.errors?.[0]?.extensions?.['issues'] as { code: string }[] | undefined;
      return found?.[0]?.code;
    };
    expect(codeOf(await importCalendar('hello'))).toBe('CALENDAR_ICS_INVALID');
    expect(codeOf(await importCalendar('BEGIN:VCALENDAR\nEND:VCALENDAR'))).toBe('CALENDAR_EMPTY');
  });
});

describe('jiceng calendar', () => {
  const run = async (now: string, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      now: new Date(now),
      env: { JICENG_LOG_LEVEL: 'silent' },
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('imports a schedule file into a database, dry run first, and reports the coverage', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'jiceng-calendar-'));
    const file = join(dir, '2027.ics');
    await writeFile(file, ICS_2027);
    const db = `sqlite:${join(dir, 'cli.db')}`;
    const now = '2026-12-10T02:00:00Z';
    const status = await run(now, 'calendar', 'status', '--db', db);
    expect(status.code).toBe(0);
    expect(status.out).toContain('reference: 23 年 years (2004–2026), ends 2026-12-31');
    expect(status.out).toContain('CALENDAR_ENDING_SOON');
    const dry = await run(now, 'calendar', 'import', file, '--db', db, '--dry-run');
    expect([dry.code, dry.out]).toEqual([0, expect.stringContaining('would add 2027')]);
    expect((await run(now, 'calendar', 'status', '--db', db)).out).toContain('ends 2026-12-31');
    const real = await run(now, 'calendar', 'import', file, '--db', db);
    expect(real.code).toBe(0);
    expect(real.out).toContain('added 2027 → reference version "calendar 2027" from 2026-12-10');
    const after = await run(now, 'calendar', 'status', '--db', db);
    expect(after.out).toContain('(2004–2027), ends 2027-12-31');
    expect(after.out).not.toContain('warning');
    expect((await run(now, 'calendar', 'import', file, '--db', db)).out).toContain('nothing new to add');
  }, 60_000);

  it('answers --help, and refuses a missing or unreadable file with a clear message', async () => {
    const help = await run('2026-12-10T02:00:00Z', 'calendar', 'import', '--help');
    expect([help.code, help.out]).toEqual([0, expect.stringContaining('jiceng calendar import FILE.ics')]);
    expect((await run('2026-12-10T02:00:00Z', 'calendar', 'import')).code).toBe(2);
    const missing = await run('2026-12-10T02:00:00Z', 'calendar', 'import', '/nonexistent/2027.ics');
    expect([missing.code, missing.err]).toEqual([1, expect.stringContaining('ENOENT')]);
    expect((await run('2026-12-10T02:00:00Z', 'calendar', 'frobnicate')).code).toBe(2);
  });
});
