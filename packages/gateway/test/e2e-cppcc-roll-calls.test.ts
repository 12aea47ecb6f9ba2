import { expectedAttendees, type LocalDate, referenceProfile } from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import { createGateway, createGatewayServices, createTokenService, type Principal } from '@jiceng/gateway';
import {
  type Database,
  OrgRepository,
  openDatabase,
  ProposalBookRepository,
  VillageConsultationRepository,
} from '@jiceng/persistence';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eDatabases, SECRET } from './support.js';

/**
 * Duty records the system derives, over real HTTP to a started server, on SQLite and PostgreSQL:
 * the office records a standing-committee roll call (present, on leave with a reason, absent) and
 * the attendance records land in the ledger; a corrected roll call reverses what it no longer
 * earns, the link to it kept. A held village consultation earns its CPPCC member a record, and a
 * corrected meeting record reverses it. A missing record to reverse is NOT_FOUND to everyone.
 */

const data = generateReferenceCppccDataset(referenceProfile);
const { committee } = data;
const TERM = committee.term;
const PILOT = data.pilotTownship;
const COUNTY = '330102';
const MEETING_ON = '2025-03-27';
const expected = expectedAttendees(committee, 'standing', MEETING_ON as LocalDate);
const [X, Y, Z] = expected;
const posts = new Set([committee.chair, ...committee.viceChairs, committee.secretaryGeneral]);
const A = committee.roster.members.find((m) => m.township === PILOT && !posts.has(m.id))!;

const principals: Record<string, Principal> = {
  office: { subject: 'cppcc-office', role: 'county_admin', scope: COUNTY },
  x: { subject: X!, role: 'member', scope: COUNTY },
  a: { subject: A.id, role: 'member', scope: COUNTY },
  pilot: { subject: 'lg-secretary', role: 'street_admin', scope: PILOT },
};

type Body = {
  data?: Record<string, unknown> | null;
  errors?: { extensions?: Record<string, unknown> }[];
};
type Entry = { key: string; type: string; member: string | null; item: string | null; record: string | null };
type RollCallResult = {
  duplicate: boolean;
  rollCall: { version: number; entries: { member: string; status: string; reason: string | null }[] };
  duty: Entry[];
};

const ENTRY = 'key type member item record source { kind id }';
const RECORD = `mutation($input: RecordCppccRollCallInput!) { recordCppccRollCall(input: $input) {
  duplicate rollCall { id version recordedOn entries { member status reason } } duty { ${ENTRY} } } }`;
const CORRECT = `mutation($input: CorrectCppccRollCallInput!) { correctCppccRollCall(input: $input) {
  duplicate rollCall { id version recordedOn corrections { version on by reason } entries { member status reason } }
  duty { ${ENTRY} } } }`;
const LIST = `query($term: Int!) { cppccRollCalls(term: $term) { id kind meetingOn version corrections { version reason } } }`;
const MEMBER_DUTY = `query($member: String!) { cppccMemberDuty(term: ${TERM}, member: $member, year: 2025) {
  total lines { key item points excluded reversedBy source { kind id } } } }`;
const VILLAGE = 'id status version attendees corrections { on reason by }';

describe.each(e2eDatabases())(
  'duty derived from roll calls and village consultations over HTTP on $name',
  (target) => {
    let db: Database;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let url: string;
    const clock = { now: new Date('2025-03-28T02:00:00Z') };
    const tokens = new Map<string, string>();
    const at = (day: string) => {
      clock.now = new Date(`${day}T02:00:00Z`);
    };

    async function post(who: string, query: string, variables: Record<string, unknown>) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'accept-language': 'en',
          authorization: `Bearer ${tokens.get(who)}`,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: (await res.json()) as Body };
    }

    async function call<T>(who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
      const { status, body } = await post(who, query, variables);
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      return Object.values(body.data!)[0] as T;
    }

    async function refusal(who: string, query: string, variables: Record<string, unknown> = {}) {
      const { body } = await post(who, query, variables);
      expect(body.errors, 'the call is refused').toBeDefined();
      const ext = body.errors![0]!.extensions ?? {};
      const issues = (ext['issues'] as { code: string }[] | undefined)?.map((i) => i.code) ?? [];
      return { code: ext['code'], issues };
    }

    const lines = (status: (member: string) => { status: string; reason?: string }) =>
      expected.map((member) => ({ member, ...status(member) }));
    const input = (entries: ReturnType<typeof lines>) => ({
      term: TERM,
      id: 'standing-e2e',
      kind: 'standing',
      meetingOn: MEETING_ON,
      title: '政协第十届常务委员会第9次会议',
      entries,
    });
    // Y is on leave for a reason, Z absent, everyone else present.
    const first = lines((m) =>
      m === Y ? { status: 'on_leave', reason: '因公出差' } : { status: m === Z ? 'absent' : 'attended' },
    );

    beforeAll(async () => {
      const scratch = await target.create();
      drop = scratch.drop;
      db = await openDatabase({ url: scratch.url });
      await new OrgRepository(db.em).replaceTree('administrative', [
        { code: COUNTY, parentCode: null, level: 'county', name: 'XX县' },
      ]);
      const repo = new ProposalBookRepository(db.em);
      await repo.saveCommittee(committee);
      await repo.openMeeting(data.meeting, 'reference');
      await new VillageConsultationRepository(db.em).saveVillages(data.villages);
      const services = await createGatewayServices(db, { record: () => {} });
      const issuer = createTokenService(SECRET);
      app = await createGateway({ services, tokens: issuer, environment: 'test', now: () => clock.now });
      url = `${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
      for (const [who, p] of Object.entries(principals)) {
        tokens.set(who, await issuer.issue(p, { now: new Date(), expiresInSeconds: 24 * 3600 * 365 }));
      }
    }, 120_000);

    afterAll(async () => {
      await app?.close();
      await db?.close();
      await drop?.();
    });

    it('records a roll call, its attendance records with it, once; and refuses what is not a roll call', async () => {
      at('2025-03-28');
      expect(await refusal('office', RECORD, { input: input(first.slice(1)) })).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CPPCC_ATTENDANCE_MISSING'],
      });
      const noReason = first.map((e) => (e.member === Y ? { member: Y, status: 'on_leave' } : e));
      expect(await refusal('office', RECORD, { input: input(noReason) })).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CPPCC_REASON_REQUIRED'],
      });
      expect(
        await refusal('office', RECORD, { input: { ...input(first), meetingOn: '2025-03-29' } }),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CPPCC_DUTY_DATE_AFTER_RECORDING'],
      });
      expect((await refusal('x', RECORD, { input: input(first) })).code).toBe('FORBIDDEN');
      expect((await refusal('pilot', RECORD, { input: input(first) })).code).toBe('FORBIDDEN');

      const recorded = await call<RollCallResult>('office', RECORD, { input: input(first) });
      expect(recorded.rollCall).toMatchObject({ version: 1 });
      expect(recorded.rollCall.entries.find((e) => e.member === Y)).toEqual({
        member: Y,
        status: 'on_leave',
        reason: '因公出差',
      });
      // The reference profile: attended +2, absent −4, on leave nothing, at a standing-committee meeting.
      expect(recorded.duty).toHaveLength(expected.length - 1);
      expect(recorded.duty.find((e) => e.member === Z)).toMatchObject({
        key: `roll_call:standing-e2e/${Z}`,
        item: 'standing_absence',
      });
      expect(recorded.duty.find((e) => e.member === X)).toMatchObject({ item: 'standing_attendance' });

      const again = await call<RollCallResult>('office', RECORD, { input: input(first) });
      expect(again).toMatchObject({ duplicate: true, duty: [], rollCall: { version: 1 } });
      const other = lines(() => ({ status: 'attended' }));
      expect((await refusal('office', RECORD, { input: input(other) })).code).toBe('CONFLICT');

      const duty = await call<{ total: number; lines: { item: string; points: number }[] }>(
        'x',
        MEMBER_DUTY,
        {
          member: X,
        },
      );
      expect(duty.lines).toEqual([expect.objectContaining({ item: 'standing_attendance', points: 2 })]);
    }, 120_000);

    it('corrects a roll call: the records it no longer earns are reversed and linked, the new ones written', async () => {
      at('2025-04-02');
      const fixed = lines((m) =>
        m === Z ? { status: 'on_leave', reason: '住院治疗' } : { status: m === X ? 'absent' : 'attended' },
      ).map((e) => (e.member === Y ? { member: Y, status: 'on_leave', reason: '因公出差' } : e));
      const correction = {
        term: TERM,
        id: 'standing-e2e',
        expectedVersion: 1,
        reason: '请假误记为缺席',
        entries: fixed,
      };
      expect((await refusal('office', CORRECT, { input: { ...correction, id: 'nope' } })).code).toBe(
        'NOT_FOUND',
      );
      expect((await refusal('office', CORRECT, { input: { ...correction, expectedVersion: 3 } })).code).toBe(
        'CONFLICT',
      );
      expect(await refusal('office', CORRECT, { input: { ...correction, reason: ' ' } })).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CPPCC_REASON_REQUIRED'],
      });
      expect((await refusal('x', CORRECT, { input: correction })).code).toBe('FORBIDDEN');

      const corrected = await call<
        RollCallResult & { rollCall: { corrections: unknown[]; recordedOn: string } }
      >('office', CORRECT, { input: correction });
      expect(corrected.rollCall).toMatchObject({
        version: 2,
        recordedOn: '2025-03-28',
        corrections: [{ version: 2, on: '2025-04-02', by: 'cppcc-office', reason: '请假误记为缺席' }],
      });
      expect(corrected.duty.map((e) => [e.type, e.key, e.record])).toEqual([
        ['reversal', `roll_call:standing-e2e/${X}:reversal`, `roll_call:standing-e2e/${X}`],
        ['record', `roll_call:standing-e2e/${X}#2`, null],
        ['reversal', `roll_call:standing-e2e/${Z}:reversal`, `roll_call:standing-e2e/${Z}`],
      ]);
      // The same correction again is decided on a version that is gone.
      expect((await refusal('office', CORRECT, { input: correction })).code).toBe('CONFLICT');

      const duty = await call<{
        total: number;
        lines: {
          key: string;
          item: string;
          points: number;
          excluded: string | null;
          reversedBy: string | null;
        }[];
      }>('x', MEMBER_DUTY, { member: X });
      expect(duty.lines.map((l) => [l.key, l.item, l.points, l.excluded, l.reversedBy])).toEqual([
        [
          `roll_call:standing-e2e/${X}`,
          'standing_attendance',
          0,
          'reversed',
          `roll_call:standing-e2e/${X}:reversal`,
        ],
        [`roll_call:standing-e2e/${X}#2`, 'standing_absence', -4, null, null],
      ]);
      expect(duty.total).toBe(-4);
      const listed = await call<{ id: string; version: number; corrections: { version: number }[] }[]>(
        'office',
        LIST,
        { term: TERM },
      );
      expect(listed).toEqual([
        {
          id: 'standing-e2e',
          kind: 'standing',
          meetingOn: MEETING_ON,
          version: 2,
          corrections: [{ version: 2, reason: '请假误记为缺席' }],
        },
      ]);
      expect((await refusal('pilot', LIST, { term: TERM })).code).toBe('FORBIDDEN');
    }, 120_000);

    it('gives the CPPCC member of a held village meeting a record, and reverses it when the record is corrected', async () => {
      at('2025-10-08');
      const participants = [
        ...Array.from({ length: 6 }, (_, i) => ({
          id: `r${i}`,
          name: `村民代表${i}`,
          kind: 'villager_representative',
        })),
        { id: 'p1', name: '党员甲', kind: 'party_member' },
        { id: 'p2', name: '党员乙', kind: 'party_member' },
        { id: 'c1', name: A.name, kind: 'cppcc_member', member: A.id },
      ];
      await call(
        'pilot',
        `mutation($input: StartCppccVillageConsultationInput!) { startCppccVillageConsultation(input: $input) { id } }`,
        {
          input: {
            term: TERM,
            id: 'VC-E2E-2',
            village: data.villages[1]!.code,
            topic: '村集体经济项目选址',
            participants,
          },
        },
      );
      at('2025-10-12');
      const meeting = {
        term: TERM,
        id: 'VC-E2E-2',
        attendees: participants.map((p) => p.id),
        minutes: '经协商，同意选址方案。',
        decision: 'agreed',
        summary: '通过',
        votes: { for: 9, against: 0, abstain: 0 },
      };
      await call(
        'pilot',
        `mutation($input: HoldCppccVillageMeetingInput!) { holdCppccVillageMeeting(input: $input) { ${VILLAGE} } }`,
        {
          input: meeting,
        },
      );
      type Lines = {
        lines: {
          key: string;
          item: string;
          points: number;
          excluded: string | null;
          source: { kind: string; id: string } | null;
        }[];
      };
      const held = await call<Lines>('a', MEMBER_DUTY, { member: A.id });
      const key = `village_consultation:VC-E2E-2/${A.id}`;
      expect(held.lines.find((l) => l.key === key)).toMatchObject({
        item: 'consultation_activity',
        points: 2,
        excluded: null,
        source: { kind: 'village_consultation', id: 'VC-E2E-2' },
      });

      // A did not come after all: the secretary corrects the record; A's record is reversed, linked.
      at('2025-10-14');
      const CORRECT_MEETING = `mutation($input: CorrectCppccVillageMeetingInput!) { correctCppccVillageMeeting(input: $input) { ${VILLAGE} } }`;
      const without = {
        ...meeting,
        attendees: meeting.attendees.filter((a) => a !== 'c1'),
        votes: { for: 8, against: 0, abstain: 0 },
        reason: '委员未到会，误记为出席',
      };
      expect(await refusal('pilot', CORRECT_MEETING, { input: { ...without, reason: '' } })).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CPPCC_REASON_REQUIRED'],
      });
      const corrected = await call<{ status: string; version: number; corrections: unknown[] }>(
        'pilot',
        CORRECT_MEETING,
        { input: without },
      );
      expect(corrected).toMatchObject({
        status: 'report',
        version: 3,
        corrections: [{ on: '2025-10-14', reason: '委员未到会，误记为出席', by: 'lg-secretary' }],
      });
      at('2025-10-15');
      const filed = await call<{ status: string }>(
        'office',
        `mutation { fileCppccVillageConsultation(term: ${TERM}, id: "VC-E2E-2") { ${VILLAGE} } }`,
      );
      expect(filed.status).toBe('completed');
      const after = await call<Lines>('a', MEMBER_DUTY, { member: A.id });
      expect(after.lines.filter((l) => l.key.startsWith('village_consultation:'))).toEqual([
        expect.objectContaining({ key, points: 0, excluded: 'reversed' }),
      ]);
    }, 120_000);

    it('answers NOT_FOUND for a missing record to reverse, to the office and to a secretary alike', async () => {
      const REVERSE = `mutation($input: ReverseCppccDutyInput!) { reverseCppccDuty(input: $input) { version } }`;
      const reverse = {
        term: TERM,
        idempotencyKey: 'rev-missing',
        record: 'no-such-record',
        reason: '重复登记',
      };
      expect(await refusal('office', REVERSE, { input: reverse })).toEqual({ code: 'NOT_FOUND', issues: [] });
      expect(await refusal('pilot', REVERSE, { input: reverse })).toEqual({ code: 'NOT_FOUND', issues: [] });
      // A reversal is no record either.
      expect(
        (
          await refusal('office', REVERSE, {
            input: { ...reverse, record: `roll_call:standing-e2e/${X}:reversal` },
          })
        ).code,
      ).toBe('NOT_FOUND');
    });
  },
);
