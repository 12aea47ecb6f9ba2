import { beforeAll, describe, expect, it } from 'vitest';
import {
  countyAdmin,
  GANG,
  gridWorker,
  refusal,
  seedCounty,
  TOWN_A,
  TOWN_B,
  townAAdmin,
  townBAdmin,
  villageAdmin,
} from './gateway-consultation-fixtures.js';
import { e2eDatabases, type GqlResult, gql, useGateway } from './support.js';

const ORIGINATE = `mutation($input: OriginateTopicInput!) { originateConsultationTopic(input: $input) {
  topicId status nextStep version steps { step on by { name role } with { role } } topic { id year establishedOn } } }`;
const STEP = `mutation($input: RecordOriginationStepInput!) { recordOriginationStep(input: $input) {
  status nextStep version topic { id year establishedOn } } }`;
const START = `mutation($input: StartConsultationInput!) { startConsultation(input: $input) {
  id status version groupComposition { size fixed invited } groupMembers { id kind } } }`;
const COMMAND = `mutation($input: ConsultationCommandInput!) { applyConsultationCommand(input: $input) {
  status version currentGate { to passed } } }`;
const ADOPT = `mutation($input: DecideAdoptionInput!) { decideConsultationAdoption(input: $input) { version adoptions { itemId decision reason by { role } } } }`;
const PLAN = `mutation($input: PlanImplementationInput!) { planConsultationImplementation(input: $input) { version } }`;
const PROGRESS = `mutation($input: RecordProgressInput!) { recordConsultationProgress(input: $input) {
  version implementation { progress items { itemId status progress tasks { id progress } } } } }`;
const FILE = `mutation($input: FileMinutesInput!) { fileVillageMinutes(input: $input) { id township village late filedBy { name role } } }`;
const ISSUE = `mutation($input: IssueDecisionInput!) { issueRoutineDecision(input: $input) { id required consultationId meetingOn } }`;

function data<T>(r: GqlResult, field: string): T {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data?.[field] as T;
}

// End to end: over real HTTP to a listening gateway on a migrated database, on each engine.
describe.each(e2eDatabases())(
  'consultation over GraphQL: the acts, as a frontend sends them, over HTTP on $name',
  (database) => {
    const gw = useGateway({ e2e: database });
    let b: string;
    beforeAll(async () => {
      await seedCounty(gw.db, gw.services);
      b = await gw.token(townBAdmin);
    });

    it('takes a new topic of 乙镇 from the liaison group’s soliciting to the committee’s decision (path b)', async () => {
      const first = data<{ status: string; nextStep: string; version: number; steps: unknown[] }>(
        await gql(gw.app, ORIGINATE, {
          token: b,
          variables: {
            input: {
              topicId: 'B-2026-2',
              township: TOWN_B,
              path: 'liaison_group_led',
              step: { step: 'opinions_solicited', opinionsReceived: 36 },
              on: '2026-06-01',
            },
          },
        }),
        'originateConsultationTopic',
      );
      expect(first).toMatchObject({ status: 'in_progress', nextStep: 'topic_drafted', version: 1 });
      expect(first.steps).toEqual([
        {
          step: 'opinions_solicited',
          on: '2026-06-01',
          by: { name: '乙镇干部', role: 'liaison_group' },
          with: [],
        },
      ]);
      const step = (input: Record<string, unknown>) =>
        gql(gw.app, STEP, { token: b, variables: { input: { topicId: 'B-2026-2', ...input } } });

      expect(
        refusal(await step({ step: { step: 'committee_decided', decision: 'approved' }, on: '2026-06-05' })),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CONSULTATION_ORIGIN_OUT_OF_ORDER'] });
      // A step without the fields it needs is refused before any rule, with every problem at once.
      expect(refusal(await step({ step: { step: 'topic_drafted' }, on: '2026-02-30' }))).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['INVALID_DATE', 'CONSULTATION_EMPTY_FIELD', 'CONSULTATION_EMPTY_FIELD'],
      });
      const drafted = data<{ version: number }>(
        await step({
          step: {
            step: 'topic_drafted',
            topic: {
              title: '小区物业管理提升',
              form: 'thematic',
              kind: 'public_concern',
              tags: ['property_management'],
              subjects: ['property_services'],
            },
            planOutline: '调研小区车辆停放、绿化、物业考评',
          },
          on: '2026-06-08',
          expectedVersion: 1,
        }),
        'recordOriginationStep',
      );
      expect(drafted.version).toBe(2);
      expect(
        refusal(
          await step({ step: { step: 'submitted_to_committee' }, on: '2026-06-09', expectedVersion: 1 }),
        ).code,
      ).toBe('CONFLICT');
      await step({
        step: { step: 'conferred_with_government', with: [{ name: '李镇长', role: 'government' }] },
        on: '2026-06-11',
      });
      await step({ step: { step: 'submitted_to_committee' }, on: '2026-06-12' });
      const decided = data<unknown>(
        await step({ step: { step: 'committee_decided', decision: 'approved' }, on: '2026-06-15' }),
        'recordOriginationStep',
      );
      expect(decided).toEqual({
        status: 'established',
        nextStep: null,
        version: 5,
        topic: { id: 'B-2026-2', year: 2026, establishedOn: '2026-06-15' },
      });
    });

    it('starts it with the proposed group and takes it through the five stages, each refusal a BAD_USER_INPUT', async () => {
      const started = data<{ id: string; status: string; groupMembers: { id: string; kind: string }[] }>(
        await gql(gw.app, START, {
          token: b,
          variables: {
            input: {
              topicId: 'B-2026-2',
              on: '2026-06-16',
              invited: [
                {
                  id: 'B-I1',
                  name: '物业公司经理',
                  category: 'enterprise_institution_head',
                  interests: [{ kind: 'operator', subject: 'property_services' }],
                },
                {
                  id: 'B-I2',
                  name: '业主代表',
                  category: 'respected_resident',
                  expertise: ['property_management'],
                },
                { id: 'B-I3', name: '社区书记', category: 'grassroots_organisation_head' },
              ],
            },
          },
        }),
        'startConsultation',
      );
      expect([started.id, started.status]).toEqual(['C-B-2026-2', 'pre_consultation']);
      // The property company's manager operates the subject: kept out.
      expect(started.groupMembers.map((m) => m.id)).not.toContain('B-I1');
      expect(
        refusal(
          await gql(gw.app, START, {
            token: b,
            variables: { input: { topicId: 'B-2026-2', on: '2026-06-16', invited: [] } },
          }),
        ),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CONSULTATION_DUPLICATE_ID'] });

      const command = (
        cmd: Record<string, unknown>,
        on: string,
        extra: Record<string, unknown> = {},
        token = b,
      ) =>
        gql(gw.app, COMMAND, {
          token,
          variables: { input: { consultationId: 'C-B-2026-2', command: cmd, on, ...extra } },
        });
      const early = await command({ type: 'advance', to: 'plan' }, '2026-06-17');
      expect(refusal(early)).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CONSULTATION_GATE_COMMUNICATION_MISSING'],
      });
      expect(early.errors?.[0]?.message).toMatch(/商前沟通/);
      const english = await gql(gw.app, COMMAND, {
        token: b,
        language: 'en',
        variables: { input: { consultationId: 'C-B-2026-2', command: { type: 'advance', to: 'plan' } } },
      });
      expect(english.errors?.[0]?.message).toMatch(/pre-consultation communication has not yet reached/);
      expect(refusal(await command({ type: 'communicate', summary: '汇报' }, '2026-06-17'))).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CONSULTATION_EMPTY_FIELD'],
      });
      expect(
        refusal(
          await command(
            { type: 'communicate', counterpart: 'government', summary: 'x'.repeat(5000) },
            '2026-06-17',
          ),
        ),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['TEXT_TOO_LONG'] });
      expect(
        refusal(
          await command({ type: 'communicate', counterpart: 'government', summary: '沟通' }, '2026-12-01'),
        ),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['INVALID_DATE'] });
      // None of those refusals wrote anything.
      const untouched = await gql(
        gw.app,
        '{ consultation(id: "C-B-2026-2") { version communications { on } } }',
        { token: b },
      );
      expect(untouched.data?.['consultation']).toEqual({ version: 1, communications: [] });

      let version = 1;
      const ok = async (
        cmd: Record<string, unknown>,
        on: string,
        extra: Record<string, unknown> = {},
        token = b,
      ) => {
        const r = await command(cmd, on, { expectedVersion: version, ...extra }, token);
        const saved = data<{ status: string; version: number }>(r, 'applyConsultationCommand');
        expect(saved.version).toBe(version + 1);
        version = saved.version;
        return saved;
      };
      for (const counterpart of ['party_committee', 'government', 'group_members']) {
        await ok({ type: 'communicate', counterpart, summary: '商前沟通' }, '2026-06-17');
      }
      // Someone else read version 1: stale.
      expect(
        refusal(await command({ type: 'advance', to: 'plan' }, '2026-06-20', { expectedVersion: 1 })).code,
      ).toBe('CONFLICT');
      expect(await ok({ type: 'advance', to: 'plan' }, '2026-06-20')).toMatchObject({
        status: 'plan',
        currentGate: { to: 'research', passed: false },
      });
      await ok(
        {
          type: 'draft_plan',
          plan: {
            summary: '围绕物业管理开展调研',
            objectives: ['明确管理职责'],
            researchMethods: ['survey', 'forum'],
          },
        },
        '2026-06-21',
      );
      // The government may not approve a plan under the reference profile: the domain says so.
      expect(
        refusal(await command({ type: 'approve_plan' }, '2026-06-22', { actingAs: 'government' })),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CONSULTATION_ROLE_NOT_ALLOWED'],
      });
      await ok({ type: 'approve_plan', note: '同意' }, '2026-06-22');
      await ok({ type: 'advance', to: 'research' }, '2026-06-23');

      // A member of the group records research as one; a member outside it may not.
      const member = started.groupMembers.find((m) => m.kind === 'fixed')!.id;
      const insider = await gw.token({ subject: member, role: 'member', scope: TOWN_B, name: '委员' });
      const outsider = await gw.token({ subject: 'M999', role: 'member', scope: TOWN_B, name: '非成员' });
      const research = {
        type: 'record_research',
        method: 'survey',
        summary: '入户问卷',
        residentsHeard: 120,
      };
      expect(refusal(await command(research, '2026-06-25', {}, outsider))).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CONSULTATION_ROLE_NOT_ALLOWED'],
      });
      await ok(research, '2026-06-25', {}, insider);
      // …but a member cannot move the stages: that is the liaison group's.
      expect(refusal(await command({ type: 'advance', to: 'meeting' }, '2026-06-26', {}, insider)).code).toBe(
        'FORBIDDEN',
      );
      await ok({ type: 'advance', to: 'meeting' }, '2026-06-26');
      const attendees = started.groupMembers.map((m) => m.id);
      await ok(
        { type: 'hold_meeting', noticeOn: '2026-06-26', attendees, opinions: ['明确物业管理职责'] },
        '2026-06-30',
      );
      await ok({ type: 'advance', to: 'report' }, '2026-07-01');
      expect(
        await ok(
          {
            type: 'submit_report',
            title: '关于小区物业管理提升的协商建议书',
            items: [
              { id: 'P1', text: '明确物业管理职责', addressedTo: 'government' },
              { id: 'P2', text: '设立业主议事会', addressedTo: 'party_committee' },
            ],
          },
          '2026-07-05',
        ),
      ).toMatchObject({ status: 'completed', currentGate: null });
    });

    it('decides each item, plans the work and tracks its progress', async () => {
      const input = (extra: Record<string, unknown>) => ({
        input: { consultationId: 'C-B-2026-2', ...extra },
      });
      data(
        await gql(gw.app, ADOPT, {
          token: b,
          variables: input({ itemId: 'P1', decision: 'adopted', on: '2026-07-10' }),
        }),
        'decideConsultationAdoption',
      );
      expect(
        refusal(
          await gql(gw.app, ADOPT, {
            token: b,
            variables: input({ itemId: 'P2', decision: 'not_adopted', on: '2026-07-10' }),
          }),
        ),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CONSULTATION_ADOPTION_REASON_REQUIRED'] });
      const adopted = data<{ adoptions: unknown[] }>(
        await gql(gw.app, ADOPT, {
          token: b,
          variables: input({
            itemId: 'P2',
            decision: 'not_adopted',
            reason: '已有议事机制',
            on: '2026-07-11',
          }),
        }),
        'decideConsultationAdoption',
      );
      expect(adopted.adoptions).toEqual([
        { itemId: 'P1', decision: 'adopted', reason: null, by: { role: 'party_committee' } },
        { itemId: 'P2', decision: 'not_adopted', reason: '已有议事机制', by: { role: 'party_committee' } },
      ]);
      data(
        await gql(gw.app, PLAN, {
          token: b,
          variables: input({
            itemId: 'P1',
            owner: '镇社会事务办',
            dueOn: '2026-12-31',
            on: '2026-07-15',
            tasks: [
              { id: 'a', title: '制定职责清单', weight: 1 },
              {
                id: 'b',
                title: '落实到位',
                weight: 3,
                subTasks: [
                  { id: 'b1', title: '一期小区' },
                  { id: 'b2', title: '二期小区' },
                ],
              },
            ],
          }),
        }),
        'planConsultationImplementation',
      );
      expect(
        refusal(
          await gql(gw.app, PROGRESS, {
            token: b,
            variables: input({ itemId: 'P1', taskId: 'a', progress: 100, on: '2026-08-01' }),
          }),
        ),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CONSULTATION_EVIDENCE_REQUIRED'] });
      data(
        await gql(gw.app, PROGRESS, {
          token: b,
          variables: input({
            itemId: 'P1',
            taskId: 'a',
            progress: 100,
            on: '2026-08-01',
            evidence: [{ title: '职责清单', reference: '镇社〔2026〕3号', on: '2026-08-01' }],
          }),
        }),
        'recordConsultationProgress',
      );
      const progressed = data<{
        implementation: { progress: number; items: { itemId: string; status: string; progress: number }[] };
      }>(
        await gql(gw.app, PROGRESS, {
          token: b,
          variables: input({
            itemId: 'P1',
            taskId: 'b1',
            progress: 50,
            on: '2026-09-01',
            actingAs: 'liaison_group',
          }),
        }),
        'recordConsultationProgress',
      );
      // (1 × 100 + 3 × (50 + 0) / 2) / 4
      expect(progressed.implementation.items.map((i) => [i.itemId, i.status, i.progress])).toEqual([
        ['P1', 'in_progress', 43.75],
        ['P2', 'not_adopted', 0],
      ]);
      const published = await gql(
        gw.app,
        `{ publicConsultations(township: "${TOWN_B}") { edges { node { consultationId implementation { itemId progress evidence } } } } }`,
      );
      expect(published.data?.['publicConsultations']).toMatchObject({
        edges: expect.arrayContaining([
          {
            node: {
              consultationId: 'C-B-2026-2',
              implementation: [{ itemId: 'P1', progress: 43.8, evidence: ['职责清单'] }],
            },
          },
        ]),
      });
    });

    it('establishes a topic in one step on path a, and refuses a third thematic topic in a year', async () => {
      const county = await gw.token(countyAdmin);
      const joint = (topicId: string, title: string) => ({
        input: {
          topicId,
          township: 'town_4',
          path: 'committee_led',
          on: '2026-10-08',
          step: {
            step: 'jointly_proposed',
            with: [
              { name: '李镇长', role: 'government' },
              { name: '张组长', role: 'liaison_group' },
            ],
            topic: { title, form: 'thematic', kind: 'key_work' },
          },
        },
      });
      const established = data<{
        status: string;
        steps: { by: { role: string }; with: { role: string }[] }[];
      }>(
        await gql(gw.app, ORIGINATE, { token: county, variables: joint('town_4-2026-2', '高标准农田建设') }),
        'originateConsultationTopic',
      );
      expect(established.status).toBe('established');
      expect(established.steps[0]).toMatchObject({
        by: { role: 'party_committee' },
        with: [{ role: 'government' }, { role: 'liaison_group' }],
      });
      expect(
        refusal(
          await gql(gw.app, ORIGINATE, { token: county, variables: joint('town_4-2026-3', '第三个专题') }),
        ),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        issues: ['CONSULTATION_THEMATIC_LIMIT_REACHED'],
      });
    });

    it('authorises every act on the township: deny by default', async () => {
      const attempt = async (token: string | undefined) =>
        refusal(
          await gql(gw.app, COMMAND, {
            ...(token === undefined ? {} : { token }),
            variables: { input: { consultationId: 'C-town_5-1', command: { type: 'approve_plan' } } },
          }),
        ).code;
      expect(await attempt(undefined)).toBe('UNAUTHENTICATED');
      expect(await attempt(await gw.token(gridWorker))).toBe('FORBIDDEN');
      // Roles that may act are refused outside their scope as if the consultation were missing.
      expect(await attempt(await gw.token(townAAdmin))).toBe('NOT_FOUND');
      expect(await attempt(await gw.token(villageAdmin))).toBe('NOT_FOUND');
      expect(await attempt(await gw.token({ subject: 'g', role: 'grid_worker', scope: 'town_5' }))).toBe(
        'FORBIDDEN',
      );
      expect(
        refusal(
          await gql(gw.app, ORIGINATE, {
            token: await gw.token(townAAdmin),
            variables: {
              input: {
                topicId: 'X-1',
                township: TOWN_B,
                path: 'liaison_group_led',
                step: { step: 'opinions_solicited', opinionsReceived: 3 },
              },
            },
          }),
        ).code,
      ).toBe('NOT_FOUND');
    });

    it('files village minutes from the village, marks late ones, and counts them', async () => {
      const clerk = await gw.token(villageAdmin);
      const filed = data<unknown>(
        await gql(gw.app, FILE, {
          token: clerk,
          variables: {
            input: {
              id: 'GX-2026-001',
              village: 'gang_v01',
              meetingOn: '2026-09-10',
              topic: '村道硬化筹资',
              on: '2026-11-20',
            },
          },
        }),
        'fileVillageMinutes',
      );
      expect(filed).toEqual({
        id: 'GX-2026-001',
        township: GANG,
        village: 'gang_v01',
        late: true,
        filedBy: { name: '一村文书', role: 'village_committee' },
      });
      expect(
        refusal(
          await gql(gw.app, FILE, {
            token: clerk,
            variables: {
              input: { id: 'GX-2026-001', village: 'gang_v01', meetingOn: '2026-11-10', topic: '重复' },
            },
          }),
        ),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CONSULTATION_DUPLICATE_ID'] });
      expect(
        refusal(
          await gql(gw.app, FILE, {
            token: clerk,
            variables: {
              input: { id: 'GX-2026-002', village: 'gang_v02', meetingOn: '2026-11-10', topic: '别村' },
            },
          }),
        ).code,
      ).toBe('NOT_FOUND');
      expect(
        refusal(
          await gql(gw.app, FILE, {
            token: await gw.token(gridWorker),
            variables: {
              input: { id: 'A-2026-001', village: 'a_v01', meetingOn: '2026-11-10', topic: '网格员' },
            },
          }),
        ).code,
      ).toBe('FORBIDDEN');
      // The township office registers a village's paper minutes as the village committee.
      data(
        await gql(gw.app, FILE, {
          token: await gw.token(townAAdmin),
          variables: {
            input: { id: 'A-2026-001', village: 'a_v01', meetingOn: '2026-11-10', topic: '村规民约修订' },
          },
        }),
        'fileVillageMinutes',
      );
      const counts = await gql(gw.app, '{ minutesFilingCounts(meetingYear: 2026) { township total late } }', {
        token: await gw.token(countyAdmin),
      });
      expect(data<{ township: string }[]>(counts, 'minutesFilingCounts').slice(0, 2)).toEqual([
        { township: GANG, total: 1, late: 1 },
        { township: TOWN_A, total: 1, late: 0 },
      ]);
    });

    it('issues a routine item only once it has been consulted', async () => {
      const a = await gw.token(townAAdmin);
      expect(
        refusal(
          await gql(gw.app, ISSUE, {
            token: a,
            variables: {
              input: {
                id: 'A-decision-1',
                township: TOWN_A,
                itemKind: 'important_decision',
                title: '集镇改造重要决策',
              },
            },
          }),
        ),
      ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CONSULTATION_ROUTINE_NOT_CONSULTED'] });
      expect(
        data(
          await gql(gw.app, ISSUE, {
            token: a,
            variables: {
              input: { id: 'A-notice-1', township: TOWN_A, itemKind: 'office_notice', title: '办公通知' },
            },
          }),
          'issueRoutineDecision',
        ),
      ).toEqual({ id: 'A-notice-1', required: false, consultationId: null, meetingOn: null });
      expect(
        refusal(
          await gql(gw.app, ISSUE, {
            token: await gw.token(gridWorker),
            variables: {
              input: { id: 'A-notice-2', township: TOWN_A, itemKind: 'office_notice', title: '通知' },
            },
          }),
        ).code,
      ).toBe('FORBIDDEN');
    });
  },
);
