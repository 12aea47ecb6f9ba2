import { referenceProfile } from '@jiceng/domain';
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
 * Members' duty 履职 and village consultations 村事民定 as a county CPPCC office runs them, over
 * real HTTP to a started server with migrations applied, on SQLite and PostgreSQL: the office and a
 * township's liaison group secretary record a member's duties for a year, a filed proposal derives
 * the proposer's record, the member's score is explained line by line, the committee is ranked per
 * sector and the members below the minimum are listed for the year-end review; a village
 * consultation is opened, held and its minutes filed. With the refusals: a member reading another's
 * score, a secretary recording outside their township, a member reading the committee's year.
 */

const data = generateReferenceCppccDataset(referenceProfile);
const { committee } = data;
const meeting = data.meeting;
const TERM = committee.term;
const PILOT = data.pilotTownship;
const posts = new Set([committee.chair, ...committee.viceChairs, committee.secretaryGeneral]);
const plain = committee.roster.members.filter((m) => !posts.has(m.id));
const A = plain.find((m) => m.township === PILOT)!;
const B = plain.find((m) => m.township !== PILOT && m.township !== null)!;
const COUNTY = '330102';

const principals: Record<string, Principal> = {
  office: { subject: 'cppcc-office', role: 'county_admin', scope: COUNTY },
  a: { subject: A.id, role: 'member', scope: COUNTY },
  b: { subject: B.id, role: 'member', scope: COUNTY },
  pilot: { subject: 'lg-secretary', role: 'street_admin', scope: PILOT },
  other: { subject: 'lg-other', role: 'street_admin', scope: B.township! },
};

type Body = {
  data?: Record<string, Record<string, unknown>> | null;
  errors?: { extensions?: Record<string, unknown> }[];
};

const RECORD = `mutation($input: RecordCppccDutyInput!) { recordCppccDuty(input: $input) {
  version duplicate entry { key seq member item by { role id } source { kind id } } } }`;
const REVERSE = `mutation($input: ReverseCppccDutyInput!) { reverseCppccDuty(input: $input) {
  version entry { key type record } } }`;
const MEMBER_DUTY = `query($term: Int!, $member: String!, $year: Int!) {
  cppccMemberDuty(term: $term, member: $member, year: $year) {
    member total awards deductions rank sector belowMinimum minimumScore
    lines { key item points requested cap excluded reversedBy recordedBy { role id } source { kind id } }
    records { key type item } } }`;
const YEAR = `query($term: Int!, $year: Int!) { cppccDutyYear(term: $term, year: $year) {
  minimumScore review members { member total rank belowMinimum sector }
  sectors { sector members belowMinimum ranking } } }`;
const VILLAGE =
  'id village township status topic heldOn minutes decision filedOn version participants { id kind member }';

describe.each(e2eDatabases())(
  'members’ duty and village consultations end to end over HTTP on $name',
  (target) => {
    let db: Database;
    let drop: () => Promise<void>;
    let app: FastifyInstance;
    let url: string;
    const clock = { now: new Date('2025-01-09T02:00:00Z') };
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

    async function call(who: string, query: string, variables: Record<string, unknown> = {}) {
      const { status, body } = await post(who, query, variables);
      expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
      return Object.values(body.data!)[0] as Record<string, unknown>;
    }

    async function refusal(who: string, query: string, variables: Record<string, unknown> = {}) {
      const { body } = await post(who, query, variables);
      expect(body.errors, 'the call is refused').toBeDefined();
      const ext = body.errors![0]!.extensions ?? {};
      const issues = (ext['issues'] as { code: string }[] | undefined)?.map((i) => i.code) ?? [];
      return { code: ext['code'], issues };
    }

    const record = (who: string, input: Record<string, unknown>) =>
      call(who, RECORD, { input: { term: TERM, ...input } }) as unknown as Promise<{
        version: number;
        duplicate: boolean;
        entry: { key: string; by: { role: string; id: string } };
      }>;

    beforeAll(async () => {
      const scratch = await target.create();
      drop = scratch.drop;
      db = await openDatabase({ url: scratch.url });
      await new OrgRepository(db.em).replaceTree('administrative', [
        { code: COUNTY, parentCode: null, level: 'county', name: 'XX县' },
      ]);
      const repo = new ProposalBookRepository(db.em);
      await repo.saveCommittee(committee);
      await repo.openMeeting(meeting, 'reference');
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

    it('derives a record from a filed proposal, takes the office’s and the secretary’s, and explains the score', async () => {
      at('2025-01-09');
      await call(
        'a',
        'mutation($input: SubmitCppccProposalInput!) { submitCppccProposal(input: $input) { version } }',
        {
          input: {
            meeting: meeting.id,
            idempotencyKey: 'submit-P1',
            id: 'P1',
            proposer: { kind: 'member', members: [A.id] },
            title: '关于完善镇区污水管网建设的建议',
            reasons: '镇区污水直排。',
            suggestions: '加快管网建设。',
            subjectArea: 'urban_rural',
          },
        },
      );
      at('2025-01-20');
      await call(
        'office',
        'mutation($input: ReviewCppccProposalInput!) { reviewCppccProposal(input: $input) { version } }',
        {
          input: { meeting: meeting.id, idempotencyKey: 'file-P1', proposal: 'P1', decision: 'file' },
        },
      );

      const speech = await record('office', {
        idempotencyKey: 'office-1',
        member: A.id,
        item: 'speech',
        date: '2025-01-09',
      });
      expect(speech.entry.by).toEqual({ role: 'office', id: 'cppcc-office' });
      const again = await record('office', {
        idempotencyKey: 'office-1',
        member: A.id,
        item: 'speech',
        date: '2025-01-09',
      });
      expect(again).toMatchObject({ duplicate: true, version: speech.version });
      expect(
        (
          await refusal('office', RECORD, {
            input: {
              term: TERM,
              idempotencyKey: 'office-1',
              member: A.id,
              item: 'training',
              date: '2025-01-09',
              quantity: 1,
            },
          })
        ).code,
      ).toBe('CONFLICT');
      at('2025-06-30');
      await record('office', {
        idempotencyKey: 'office-2',
        member: A.id,
        item: 'inspection_survey',
        date: '2025-06-12',
        quantity: 7,
      });
      // Only the office records a speech; a secretary records for their own township only.
      expect(
        await refusal('pilot', RECORD, {
          input: { term: TERM, idempotencyKey: 'lg-0', member: A.id, item: 'speech', date: '2025-06-01' },
        }),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CPPCC_DUTY_RECORDER_NOT_ALLOWED'] });
      const lg = await record('pilot', {
        idempotencyKey: 'lg-1',
        member: A.id,
        item: 'consultation_activity',
        date: '2025-06-20',
        quantity: 1,
      });
      expect(lg.entry.by).toEqual({ role: 'liaison_group', id: PILOT });
      expect(
        (
          await refusal('pilot', RECORD, {
            input: {
              term: TERM,
              idempotencyKey: 'lg-2',
              member: B.id,
              item: 'training',
              date: '2025-06-20',
              quantity: 1,
            },
          })
        ).code,
      ).toBe('NOT_FOUND');
      expect(
        (
          await refusal('a', RECORD, {
            input: {
              term: TERM,
              idempotencyKey: 'self',
              member: A.id,
              item: 'training',
              date: '2025-06-20',
              quantity: 1,
            },
          })
        ).code,
      ).toBe('FORBIDDEN');

      // The speech was entered twice by mistake elsewhere: the office reverses it; it stays, excluded.
      at('2025-07-01');
      const reversed = await call('office', REVERSE, {
        input: { term: TERM, idempotencyKey: 'office-1-rev', record: 'office-1', reason: '重复登记' },
      });
      expect(reversed['entry']).toEqual({ key: 'office-1-rev', type: 'reversal', record: 'office-1' });

      at('2025-12-31');
      const duty = (await call('a', MEMBER_DUTY, { term: TERM, member: A.id, year: 2025 })) as unknown as {
        total: number;
        belowMinimum: boolean;
        rank: number;
        lines: {
          key: string;
          item: string;
          points: number;
          requested: number;
          cap: string | null;
          excluded: string | null;
          reversedBy: string | null;
          recordedBy: { role: string };
          source: { kind: string; id: string } | null;
        }[];
      };
      const byItem = Object.fromEntries(duty.lines.map((l) => [l.item, l]));
      expect(byItem['proposal_lead']).toMatchObject({
        points: 5,
        recordedBy: { role: 'system' },
        source: { kind: 'proposal', id: `${meeting.id}/P1` },
      });
      expect(byItem['speech']).toMatchObject({ points: 0, excluded: 'reversed', reversedBy: 'office-1-rev' });
      expect(byItem['inspection_survey']).toMatchObject({ requested: 14, points: 12 });
      expect(byItem['inspection_survey']!.cap).not.toBeNull();
      expect(byItem['consultation_activity']).toMatchObject({
        points: 2,
        recordedBy: { role: 'liaison_group' },
      });
      expect(duty.total).toBe(19);
      expect(duty.total).toBe(duty.lines.reduce((s, l) => s + l.points, 0));
      expect(duty).toMatchObject({ belowMinimum: false, rank: 1 });

      // A member sees their own score only; the secretary of another township does not reach A.
      expect((await refusal('b', MEMBER_DUTY, { term: TERM, member: A.id, year: 2025 })).code).toBe(
        'NOT_FOUND',
      );
      expect((await refusal('other', MEMBER_DUTY, { term: TERM, member: A.id, year: 2025 })).code).toBe(
        'NOT_FOUND',
      );
      expect((await call('pilot', MEMBER_DUTY, { term: TERM, member: A.id, year: 2025 }))['total']).toBe(19);
    }, 120_000);

    it('ranks the committee per sector and lists the members below the minimum for the year-end review', async () => {
      const year = (await call('office', YEAR, { term: TERM, year: 2025 })) as unknown as {
        minimumScore: number;
        review: string[];
        members: { member: string; total: number; rank: number; belowMinimum: boolean; sector: string }[];
        sectors: { sector: string; members: number; belowMinimum: number; ranking: string[] }[];
      };
      expect(year.minimumScore).toBe(15);
      expect(year.members).toHaveLength(258);
      expect(year.members.find((m) => m.member === A.id)).toMatchObject({
        total: 19,
        rank: 1,
        belowMinimum: false,
      });
      expect(year.sectors).toHaveLength(12);
      expect(year.sectors.find((s) => s.sector === A.sector)!.ranking[0]).toBe(A.id);
      expect(year.review).toHaveLength(257);
      expect(year.review).toContain(B.id);
      expect(year.review).not.toContain(A.id);
      expect(year.sectors.reduce((s, x) => s + x.belowMinimum, 0)).toBe(257);
      expect((await refusal('a', YEAR, { term: TERM, year: 2025 })).code).toBe('FORBIDDEN');
    }, 120_000);

    it('opens, holds and files a village consultation in the pilot township', async () => {
      at('2025-10-08');
      const village = data.villages[0]!;
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
      const START = `mutation($input: StartCppccVillageConsultationInput!) { startCppccVillageConsultation(input: $input) { ${VILLAGE} } }`;
      const input = {
        term: TERM,
        id: 'VC-E2E-1',
        village: village.code,
        topic: '村道硬化筹资方案',
        participants,
      };
      expect((await refusal('other', START, { input })).code).toBe('NOT_FOUND');
      const opened = await call('pilot', START, { input });
      expect(opened).toMatchObject({ status: 'pre_consultation', township: PILOT, version: 1 });
      at('2025-10-12');
      const held = await call(
        'pilot',
        `mutation($input: HoldCppccVillageMeetingInput!) { holdCppccVillageMeeting(input: $input) { ${VILLAGE} } }`,
        {
          input: {
            term: TERM,
            id: 'VC-E2E-1',
            attendees: participants.map((p) => p.id),
            minutes: '经协商，同意按户筹资硬化村道。',
            decision: 'agreed',
            summary: '通过',
            votes: { for: 9, against: 0, abstain: 0 },
          },
        },
      );
      expect(held).toMatchObject({ status: 'report', heldOn: '2025-10-12', decision: 'agreed', version: 2 });
      at('2025-10-15');
      const FILE = `mutation($term: Int!, $id: String!) { fileCppccVillageConsultation(term: $term, id: $id) { ${VILLAGE} } }`;
      expect((await refusal('other', FILE, { term: TERM, id: 'VC-E2E-1' })).code).toBe('NOT_FOUND');
      const filed = await call('office', FILE, { term: TERM, id: 'VC-E2E-1' });
      expect(filed).toMatchObject({ status: 'completed', filedOn: '2025-10-15', version: 3 });
      expect((await refusal('office', FILE, { term: TERM, id: 'VC-E2E-1' })).code).toBe('BAD_USER_INPUT');
      const listed = (await call(
        'pilot',
        `query { cppccVillageConsultations { ${VILLAGE} } }`,
      )) as unknown as {
        id: string;
        status: string;
      }[];
      expect(listed.map((c) => [c.id, c.status])).toEqual([['VC-E2E-1', 'completed']]);
      expect(await db.em.fork().count('MinutesFilingRow', { township: PILOT })).toBe(1);
    }, 120_000);
  },
);
