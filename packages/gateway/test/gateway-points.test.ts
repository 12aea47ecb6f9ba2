import { maskMobile, maskResidentId } from '@jiceng/domain';
import type { AccessLogEntry } from '@jiceng/gateway';
import { PointsLedgerRepository } from '@jiceng/persistence';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  committee,
  community1,
  community2,
  county,
  gridWorker,
  member1,
  recordingLog,
  residentId,
  secretary1,
  secretary2,
  setUpPoints,
  street,
} from './gateway-points-fixtures.js';
import { gql, useGateway } from './support.js';

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.['code'];
const issueCodes = (errors: Errors) =>
  ((errors?.[0]?.extensions?.['issues'] as { code: string }[] | undefined) ?? []).map((i) => i.code);

const RECORD = `mutation($input: RecordPointEntryInput!) {
  recordPointEntry(input: $input) { key seq duplicate notes { code message { zh en } } entry { key status version recordedBy { role id } allowedActions } }
}`;
const SUBMIT = `mutation($key: String!, $entry: String!) { submitPointEntry(idempotencyKey: $key, entry: $entry) { duplicate entry { status version } } }`;
const REVIEW = `mutation($input: ReviewPointEntryInput!) { reviewPointEntry(input: $input) { duplicate entry { status version reviewReason adjustment { quantity points } } } }`;

describe('member points over GraphQL', () => {
  const gw = useGateway();
  let log: AccessLogEntry[];

  beforeAll(async () => {
    await setUpPoints(gw.db, gw.services);
    log = recordingLog(gw.services);
  });

  describe('members and their personal data', () => {
    const query =
      '{ partyMember(code: "m001") { code name branch community residentId mobile personalDataMasked } }';

    it('shows a county administrator the full values and logs every full read', async () => {
      log.length = 0;
      const r = await gql(gw.app, query, { token: await gw.token(county) });
      expect(r.data?.['partyMember']).toEqual({
        code: 'm001',
        name: '张明',
        branch: 'Pc1',
        community: 'c1',
        residentId: residentId('1980-05-12', 11),
        mobile: '13812345678',
        personalDataMasked: false,
      });
      expect(log.map((e) => [e.field, e.recordId, e.subject, e.role])).toEqual([
        ['points_member.resident_id', 'm001', 'county', 'county_admin'],
        ['points_member.mobile', 'm001', 'county', 'county_admin'],
      ]);
      expect(log[0]?.requestId).toBeTruthy();
    });

    it('masks them for a role without full access, and logs nothing', async () => {
      log.length = 0;
      for (const principal of [secretary1, member1]) {
        const r = await gql(gw.app, query, { token: await gw.token(principal) });
        expect(r.data?.['partyMember']).toMatchObject({
          residentId: maskResidentId(residentId('1980-05-12', 11)),
          mobile: maskMobile('13812345678'),
          personalDataMasked: true,
        });
      }
      expect(log).toEqual([]);
      expect(maskResidentId(residentId('1980-05-12', 11))).toMatch(/^330102\*{8}/);
    });

    it('refuses a member outside the caller’s scope, another member’s record, and the grid worker', async () => {
      const other = await gql(gw.app, query, { token: await gw.token(community2), language: 'en' });
      // Out of scope answers as a missing member does: nobody can probe who exists beyond it.
      expect(codeOf(other.errors)).toBe('NOT_FOUND');
      expect(other.errors?.[0]?.message).toBe('not found: member m001');
      const peer = await gql(gw.app, '{ partyMember(code: "m002") { name } }', {
        token: await gw.token(member1),
      });
      expect(codeOf(peer.errors)).toBe('NOT_FOUND');
      const worker = await gql(gw.app, query, { token: await gw.token(gridWorker) });
      expect(codeOf(worker.errors)).toBe('FORBIDDEN');
      expect(codeOf((await gql(gw.app, query)).errors)).toBe('UNAUTHENTICATED');
      const missing = await gql(gw.app, '{ partyMember(code: "ghost") { name } }', {
        token: await gw.token(county),
      });
      expect(codeOf(missing.errors)).toBe('NOT_FOUND');
    });

    it('lists members by a branch (party tree) or a community (administrative tree), paged', async () => {
      const list = async (scope: string, token: string, first = 20) =>
        (
          await gql(
            gw.app,
            `{ partyMembers(scope: "${scope}", first: ${first}) { totalCount edges { node { code } } pageInfo { hasNextPage } } }`,
            {
              token,
            },
          )
        ).data?.['partyMembers'] as {
          totalCount: number;
          edges: { node: { code: string } }[];
          pageInfo: { hasNextPage: boolean };
        };
      const byBranch = await list('Pc1', await gw.token(secretary1));
      expect(byBranch.edges.map((e) => e.node.code)).toEqual(['m001', 'm002']);
      const byCommunity = await list('c1', await gw.token(community1));
      expect(byCommunity.edges.map((e) => e.node.code)).toEqual(['m001', 'm002', 'm100']);
      const street = await list('330102001', await gw.token(county), 2);
      expect(street.totalCount).toBe(8);
      expect(street.pageInfo.hasNextPage).toBe(true);
      const outside = await gql(gw.app, '{ partyMembers(scope: "Pc1") { totalCount } }', {
        token: await gw.token(secretary2),
      });
      expect(codeOf(outside.errors)).toBe('NOT_FOUND');
      const asMember = await gql(gw.app, '{ partyMembers(scope: "Pc1") { totalCount } }', {
        token: await gw.token(member1),
      });
      expect(codeOf(asMember.errors)).toBe('FORBIDDEN');
    });
  });

  describe('the workflow of an entry, each role as its recorder', () => {
    let version = 0;

    it('lets a member record their own draft, with the cap note, idempotently', async () => {
      const token = await gw.token(member1);
      const input = {
        idempotencyKey: 'm001/2026-11-20/vol',
        member: 'm001',
        item: 'volunteer_service',
        date: '2026-11-20',
        quantity: 12,
        evidence: ['sign-in'],
      };
      const r = await gql(gw.app, RECORD, { token, variables: { input } });
      expect(r.errors).toBeUndefined();
      const result = r.data?.['recordPointEntry'] as {
        duplicate: boolean;
        notes: { code: string; message: { zh: string } }[];
        entry: Record<string, unknown>;
      };
      expect(result.duplicate).toBe(false);
      expect(result.entry).toMatchObject({
        status: 'draft',
        version: 1,
        recordedBy: { role: 'self', id: 'm001' },
        allowedActions: ['submit', 'audit'],
      });
      expect(result.notes.map((n) => n.code)).toEqual(['POINTS_OVER_CAP']);
      expect(result.notes[0]?.message.zh).toContain('预计只计 10 分');
      const again = await gql(gw.app, RECORD, { token, variables: { input } });
      expect(again.data?.['recordPointEntry']).toMatchObject({
        duplicate: true,
        seq: (r.data!['recordPointEntry'] as { seq: number }).seq,
      });
      const conflict = await gql(gw.app, RECORD, {
        token,
        variables: { input: { ...input, quantity: 2 } },
        language: 'en',
      });
      expect(codeOf(conflict.errors)).toBe('BAD_USER_INPUT');
      expect(issueCodes(conflict.errors)).toEqual(['POINTS_IDEMPOTENCY_CONFLICT']);
      expect(conflict.errors?.[0]?.message).toContain('idempotency key "m001/2026-11-20/vol"');
    });

    it('answers a retry sent the next day with the stored entry, not a conflict', async () => {
      const ledger = new PointsLedgerRepository(gw.db.em, {
        rules: (id) => gw.services.profiles().history(id),
      });
      const stored = await ledger.append({
        type: 'point',
        key: 'm001/retry',
        member: 'm001',
        item: 'grid_duty',
        date: '2026-11-26',
        quantity: 1,
        by: { role: 'self', id: 'm001', person: { id: 'm001', role: 'member', org: 'Pc1' } },
        on: '2026-11-26',
      });
      const input = {
        idempotencyKey: 'm001/retry',
        member: 'm001',
        item: 'grid_duty',
        date: '2026-11-26',
        quantity: 1,
      };
      const retry = await gql(gw.app, RECORD, { token: await gw.token(member1), variables: { input } });
      expect(retry.data?.['recordPointEntry']).toMatchObject({ duplicate: true, seq: stored.entry.seq });
      const changed = await gql(gw.app, RECORD, {
        token: await gw.token(member1),
        variables: { input: { ...input, quantity: 2 } },
      });
      expect(issueCodes(changed.errors)).toEqual(['POINTS_IDEMPOTENCY_CONFLICT']);
    });

    it('refuses a member recording for another member, a grid worker, and bad input with the domain’s codes', async () => {
      const input = {
        idempotencyKey: 'x1',
        member: 'm002',
        item: 'grid_duty',
        date: '2026-11-20',
        quantity: 1,
      };
      const other = await gql(gw.app, RECORD, { token: await gw.token(member1), variables: { input } });
      expect(codeOf(other.errors)).toBe('NOT_FOUND');
      const worker = await gql(gw.app, RECORD, { token: await gw.token(gridWorker), variables: { input } });
      expect(codeOf(worker.errors)).toBe('FORBIDDEN');
      const future = await gql(gw.app, RECORD, {
        token: await gw.token(secretary1),
        variables: { input: { ...input, date: '2026-12-30' } },
      });
      expect(issueCodes(future.errors)).toEqual(['POINTS_DATE_OUT_OF_ORDER']);
      const badDate = await gql(gw.app, RECORD, {
        token: await gw.token(secretary1),
        variables: { input: { ...input, date: '2026-02-30' } },
      });
      expect(codeOf(badDate.errors)).toBe('BAD_USER_INPUT');
      const huge = await gql(gw.app, RECORD, {
        token: await gw.token(secretary1),
        variables: { input: { ...input, idempotencyKey: 'k'.repeat(5000) } },
      });
      expect(issueCodes(huge.errors)).toEqual(['TEXT_TOO_LONG']);
      const wrongRecorder = await gql(gw.app, RECORD, {
        token: await gw.token(community1),
        variables: { input: { ...input, member: 'm001' } },
      });
      expect(issueCodes(wrongRecorder.errors)).toEqual([
        'POINTS_RECORDER_NOT_ALLOWED',
        'POINTS_NOT_DUAL_REGISTERED',
      ]);
    });

    it('takes the entry through submission and a branch review, refusing others’ steps and stale versions', async () => {
      const sub = await gql(gw.app, SUBMIT, {
        token: await gw.token(member1),
        variables: { key: 'm001/2026-11-20/vol/submit', entry: 'm001/2026-11-20/vol' },
      });
      expect(sub.data?.['submitPointEntry']).toEqual({
        duplicate: false,
        entry: { status: 'submitted', version: 2 },
      });
      version = 2;
      const review = {
        idempotencyKey: 'm001/2026-11-20/vol/review',
        entry: 'm001/2026-11-20/vol',
        decision: 'reject',
      };
      const noReason = await gql(gw.app, REVIEW, {
        token: await gw.token(secretary1),
        variables: { input: review },
      });
      expect(issueCodes(noReason.errors)).toEqual(['POINTS_REASON_REQUIRED']);
      expect(noReason.errors?.[0]?.message).toContain('理由');
      const wrongBranch = await gql(gw.app, REVIEW, {
        token: await gw.token(secretary2),
        variables: { input: { ...review, decision: 'approve' } },
      });
      expect(codeOf(wrongBranch.errors)).toBe('NOT_FOUND');
      const byMember = await gql(gw.app, REVIEW, {
        token: await gw.token(member1),
        variables: { input: { ...review, decision: 'approve' } },
      });
      expect(issueCodes(byMember.errors)).toEqual(['POINTS_ROLE_NOT_ALLOWED']);
      const stale = await gql(gw.app, REVIEW, {
        token: await gw.token(secretary1),
        variables: { input: { ...review, decision: 'approve', expectedVersion: version - 1 } },
      });
      expect(codeOf(stale.errors)).toBe('CONFLICT');
      const adjusted = await gql(gw.app, REVIEW, {
        token: await gw.token(secretary1),
        variables: {
          input: {
            ...review,
            decision: 'adjust',
            reason: '签到表只记录了 8 小时',
            adjustment: { quantity: 8 },
            expectedVersion: version,
          },
        },
      });
      expect(adjusted.errors).toBeUndefined();
      expect(adjusted.data?.['reviewPointEntry']).toEqual({
        duplicate: false,
        entry: {
          status: 'adjusted',
          version: 3,
          reviewReason: '签到表只记录了 8 小时',
          adjustment: { quantity: 8, points: null },
        },
      });
    });

    it('explains the member’s year and quarter from the stored entries', async () => {
      const r = await gql(
        gw.app,
        '{ partyMember(code: "m001") { yearTotal(year: 2026) explanation(year: 2026, quarter: 4) { total awards summary { zh } lines { key status points } } pointEntries(year: 2026) { totalCount edges { node { key status member { code } } } } } }',
        { token: await gw.token(secretary1) },
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.['partyMember']).toMatchObject({
        yearTotal: 108,
        explanation: {
          total: 8,
          awards: 8,
          lines: [
            { key: 'm001/2026-11-20/vol', status: 'adjusted', points: 8 },
            { key: 'm001/retry', status: 'draft', points: 0 },
          ],
        },
        pointEntries: {
          totalCount: 2,
          edges: [
            { node: { key: 'm001/2026-11-20/vol', status: 'adjusted', member: { code: 'm001' } } },
            { node: { key: 'm001/retry', status: 'draft', member: { code: 'm001' } } },
          ],
        },
      });
      const bad = await gql(
        gw.app,
        '{ partyMember(code: "m001") { explanation(year: 2026, quarter: 5) { total } } }',
        { token: await gw.token(secretary1) },
      );
      expect(codeOf(bad.errors)).toBe('BAD_USER_INPUT');
    });

    it('tells each caller the steps they may take on an entry today', async () => {
      const ask = async (principal: typeof member1, key: string) => {
        const r = await gql(gw.app, `{ pointEntry(key: "${key}") { status allowedActions myActions } }`, {
          token: await gw.token(principal),
        });
        expect(r.errors).toBeUndefined();
        return r.data?.['pointEntry'] as { status: string; allowedActions: string[]; myActions: string[] };
      };
      // The adjusted entry: the status allows audit and reversal, but only the branch may reverse
      // it before the lock, and nobody audits an entry (the audit is a branch's year).
      const reviewed = 'm001/2026-11-20/vol';
      expect(await ask(secretary1, reviewed)).toEqual({
        status: 'adjusted',
        allowedActions: ['audit', 'reverse'],
        myActions: ['reverse'],
      });
      expect((await ask(member1, reviewed)).myActions).toEqual([]);
      expect((await ask(community1, reviewed)).myActions).toEqual([]);
      expect((await ask(committee, reviewed)).myActions).toEqual(['reverse']);
      // A fresh draft: only its member may submit it, until the month's self-assessment closes.
      const draft = await gql(gw.app, RECORD, {
        token: await gw.token(member1),
        variables: {
          input: {
            idempotencyKey: 'm001/2026-11-24/duty',
            member: 'm001',
            item: 'grid_duty',
            date: '2026-11-24',
            quantity: 1,
          },
        },
      });
      expect(draft.errors).toBeUndefined();
      expect((await ask(member1, 'm001/2026-11-24/duty')).myActions).toEqual(['submit']);
      expect((await ask(secretary1, 'm001/2026-11-24/duty')).myActions).toEqual([]);
    });

    it('records as a community for a dual-registered member, and lists what awaits review', async () => {
      const r = await gql(gw.app, RECORD, {
        token: await gw.token(community1),
        variables: {
          input: {
            idempotencyKey: 'm100/2026-11-21/report',
            member: 'm100',
            item: 'community_report_service',
            date: '2026-11-21',
            quantity: 1,
            evidence: ['sign'],
          },
        },
      });
      expect(r.data?.['recordPointEntry']).toMatchObject({
        entry: { status: 'submitted', recordedBy: { role: 'community', id: 'c1' } },
      });
      const queue = await gql(
        gw.app,
        '{ pointsReviewQueue(scope: "c1") { totalCount edges { node { key } } } }',
        { token: await gw.token(community1) },
      );
      expect(queue.data?.['pointsReviewQueue']).toEqual({
        totalCount: 1,
        edges: [{ node: { key: 'm100/2026-11-21/report' } }],
      });
      const entry = await gql(gw.app, '{ pointEntry(key: "m100/2026-11-21/report") { status } }', {
        token: await gw.token(community2),
      });
      expect(codeOf(entry.errors)).toBe('NOT_FOUND');
    });
  });

  describe('the committee audit and corrections', () => {
    it('locks a branch’s past year; then only the committee’s reversal changes it', async () => {
      const audit =
        'mutation($key: String!) { auditPointsYear(idempotencyKey: $key, branch: "Pc2", year: 2025) { duplicate daysLate audited lapsed lock { branch year key by } } }';
      const bySecretary = await gql(gw.app, audit, {
        token: await gw.token(secretary2),
        variables: { key: 'audit-x' },
      });
      // Only the committee audits: the policy refuses a branch secretary before the domain would.
      expect(codeOf(bySecretary.errors)).toBe('FORBIDDEN');
      const outside = await gql(gw.app, audit, {
        token: await gw.token(community1),
        variables: { key: 'audit-y' },
      });
      expect(codeOf(outside.errors)).toBe('FORBIDDEN');
      const r = await gql(gw.app, audit, {
        token: await gw.token(street),
        variables: { key: 'audit/Pc2/2025' },
      });
      expect(r.data?.['auditPointsYear']).toMatchObject({
        duplicate: false,
        audited: 50,
        lapsed: 0,
        lock: { branch: 'Pc2', year: 2025, key: 'audit/Pc2/2025', by: '330102001' },
      });
      expect((r.data!['auditPointsYear'] as { daysLate: number }).daysLate).toBeGreaterThan(0);
      const again = await gql(gw.app, audit, {
        token: await gw.token(street),
        variables: { key: 'audit/Pc2/2025' },
      });
      expect((again.data!['auditPointsYear'] as { duplicate: boolean }).duplicate).toBe(true);
      const locked = await gql(gw.app, RECORD, {
        token: await gw.token(secretary2),
        variables: {
          input: {
            idempotencyKey: 'late',
            member: 'q001',
            item: 'pioneer_post',
            date: '2025-12-20',
            quantity: 1,
            evidence: ['e'],
          },
        },
      });
      expect(issueCodes(locked.errors)).toContain('POINTS_YEAR_LOCKED');
      const reverse =
        'mutation($by: String!) { reversePointEntry(idempotencyKey: $by, entry: "q001/honour/1", reason: "表彰已撤销") { entry { status reversal { reason } } } }';
      const byBranch = await gql(gw.app, reverse, {
        token: await gw.token(secretary2),
        variables: { by: 'rev-1' },
      });
      expect(issueCodes(byBranch.errors)).toEqual(['POINTS_ROLE_NOT_ALLOWED']);
      const byCommittee = await gql(gw.app, reverse, {
        token: await gw.token(street),
        variables: { by: 'rev-2' },
      });
      expect(byCommittee.data?.['reversePointEntry']).toEqual({
        entry: { status: 'reversed', reversal: { reason: '表彰已撤销' } },
      });
      const locks = await gql(gw.app, '{ pointsYearLocks(scope: "330102001", year: 2025) { branch key } }', {
        token: await gw.token(street),
      });
      expect(locks.data?.['pointsYearLocks']).toEqual([{ branch: 'Pc2', key: 'audit/Pc2/2025' }]);
    });
  });

  describe('statements', () => {
    const count = async (query: string, token: string) => {
      const knex = gw.db.em.getConnection().getKnex();
      const statements: string[] = [];
      const listener = (q: { sql: string }) => statements.push(q.sql);
      knex.on('query', listener);
      try {
        const r = await gql(gw.app, query, { token });
        expect(r.errors).toBeUndefined();
        return { statements, data: r.data };
      } finally {
        knex.removeListener('query', listener);
      }
    };

    it('costs the same number of statements for the year totals of 10 members and of 100', async () => {
      const token = await gw.token(committee);
      const list = (scope: string, first: number) =>
        `{ partyMembers(scope: "${scope}", first: ${first}) { totalCount edges { node { code name yearTotal(year: 2025) } } } }`;
      const small = await count(list('Psmall', 10), token);
      const big = await count(list('Pbig', 100), token);
      expect((small.data!['partyMembers'] as { totalCount: number }).totalCount).toBe(10);
      const edges = (big.data!['partyMembers'] as { edges: { node: { yearTotal: number } }[] }).edges;
      expect(edges).toHaveLength(100);
      expect(edges.every((e) => e.node.yearTotal > 0)).toBe(true);
      expect(big.statements.length).toBe(small.statements.length);
      expect(small.statements.length).toBeLessThanOrEqual(3);
    });

    it('decides on the member with one read, then writes the entry in one transaction of at most five statements', async () => {
      const r = await count(
        `mutation { recordPointEntry(input: { idempotencyKey: "stmt/m002", member: "m002", item: "grid_duty", date: "2026-11-25", quantity: 1 }) { entry { status } } }`,
        await gw.token(secretary1),
      );
      expect(r.data?.['recordPointEntry']).toEqual({ entry: { status: 'approved' } });
      // The use case reads the member to decide who records (the policy), outside the write...
      const begin = r.statements.findIndex((s) => /^begin/i.test(s));
      expect(begin).toBe(1);
      expect(r.statements[0]).toMatch(/^select .* from [`"]?points_member/is);
      // ...and the ledger writes in one short transaction, refusing it if the member moved since.
      expect(r.statements.length - begin).toBeLessThanOrEqual(5);
      expect(r.statements.at(-1)).toMatch(/^commit/i);
      expect(r.statements.filter((s) => /^begin/i.test(s))).toHaveLength(1);
    });
  });
});
