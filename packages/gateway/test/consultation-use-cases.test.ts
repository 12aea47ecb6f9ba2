import { createGatewayServices, type GatewayServices, type Principal } from '@jiceng/gateway';
import { type Database, openDatabase } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConsultationCommand } from '../src/application/consultation/acts.js';
import {
  originateTopic,
  recordOriginationStep,
  startConsultation,
  visibleConsultation,
} from '../src/application/consultation/topics.js';
import type { UseCaseContext } from '../src/application/context.js';
import { GatewayError } from '../src/kernel/errors.js';
import { seedCounty, TOWN_B, townAAdmin, townBAdmin } from './gateway-consultation-fixtures.js';
import { e2eDatabases, NOW } from './support.js';

/** The code (and issue codes) a use case refused with; fails when it did not refuse. */
async function refused(work: Promise<unknown>): Promise<{ code: string; issues: string[] }> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  const g = error as GatewayError;
  return { code: g.code, issues: g.issues.map((i) => i.code) };
}

// The consultation use cases called as the CLI or an integration would: a context of their own,
// no GraphQL, no HTTP. Each engine with its migrations.
describe.each(e2eDatabases())('consultation use cases without a door, on $name', (database) => {
  let db: Database;
  let services: GatewayServices;
  let drop = async () => {};
  const as = (principal: Principal): UseCaseContext => ({ principal, now: NOW, em: db.em.fork(), services });

  beforeAll(async () => {
    const scratch = await database.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    services = await createGatewayServices(db, { record: () => {} });
    await seedCounty(db, services);
  }, 120_000);

  afterAll(async () => {
    await services.close();
    await db.close();
    await drop();
  });

  it('originates a topic, establishes it and starts its consultation', async () => {
    const b = as(townBAdmin);
    const { topic } = await originateTopic(b, {
      topicId: 'B-UC-1',
      township: TOWN_B,
      path: 'liaison_group_led',
      step: { step: 'opinions_solicited', opinionsReceived: 20 },
      on: '2026-06-01',
    });
    expect([topic.origination.status, topic.version]).toEqual(['in_progress', 1]);
    // Every problem of the command at once, before any rule.
    expect(
      await refused(
        recordOriginationStep(b, { topicId: 'B-UC-1', step: { step: 'topic_drafted' }, on: '2026-02-30' }),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      issues: ['INVALID_DATE', 'CONSULTATION_EMPTY_FIELD', 'CONSULTATION_EMPTY_FIELD'],
    });
    for (const [step, on] of [
      [
        {
          step: 'topic_drafted',
          topic: { title: '老旧小区加装电梯', form: 'thematic', kind: 'public_concern', tags: ['housing'] },
          planOutline: '走访住户，听取意见',
        },
        '2026-06-08',
      ],
      [{ step: 'conferred_with_government', with: [{ name: '李镇长', role: 'government' }] }, '2026-06-11'],
      [{ step: 'submitted_to_committee' }, '2026-06-12'],
      [{ step: 'committee_decided', decision: 'approved' }, '2026-06-15'],
    ] as const) {
      await recordOriginationStep(b, { topicId: 'B-UC-1', step, on });
    }
    const started = await startConsultation(b, {
      topicId: 'B-UC-1',
      on: '2026-06-16',
      invited: [
        { id: 'UC-I1', name: '业主代表', category: 'respected_resident', expertise: ['housing'] },
        { id: 'UC-I2', name: '社区书记', category: 'grassroots_organisation_head' },
      ],
    });
    expect([started.consultation.id, started.consultation.status, started.version]).toEqual([
      'C-B-UC-1',
      'pre_consultation',
      1,
    ]);
  });

  it('refuses an origination step or a start decided on a topic version the caller no longer holds (CONFLICT)', async () => {
    const b = as(townBAdmin);
    await originateTopic(b, {
      topicId: 'B-UC-2',
      township: TOWN_B,
      path: 'liaison_group_led',
      step: { step: 'opinions_solicited', opinionsReceived: 5 },
      on: '2026-06-02',
    });
    const drafted = {
      step: 'topic_drafted',
      topic: { title: '背街小巷照明', form: 'thematic', kind: 'public_concern', tags: ['lighting'] },
      planOutline: '夜间走访',
    } as const;
    expect(
      await refused(
        recordOriginationStep(b, { topicId: 'B-UC-2', step: drafted, on: '2026-06-03', expectedVersion: 2 }),
      ),
    ).toEqual({ code: 'CONFLICT', issues: [] });
    const { topic } = await recordOriginationStep(b, {
      topicId: 'B-UC-2',
      step: drafted,
      on: '2026-06-03',
      expectedVersion: 1,
    });
    expect(topic.version).toBe(2);
    // The id is taken: refused in words before anything is decided.
    expect(
      await refused(
        originateTopic(b, {
          topicId: 'B-UC-2',
          township: TOWN_B,
          path: 'liaison_group_led',
          step: { step: 'opinions_solicited', opinionsReceived: 5 },
          on: '2026-06-04',
        }),
      ),
    ).toEqual({ code: 'BAD_USER_INPUT', issues: ['CONSULTATION_DUPLICATE_ID'] });
    expect(
      await refused(
        startConsultation(b, { topicId: 'B-UC-1', on: '2026-06-20', invited: [], expectedTopicVersion: 1 }),
      ),
    ).toEqual({ code: 'CONFLICT', issues: [] });
  });

  it('records a stage act on the version read, and refuses one decided on a stale version with CONFLICT', async () => {
    const b = as(townBAdmin);
    const read = await visibleConsultation(b, 'C-B-UC-1');
    const saved = await applyConsultationCommand(b, {
      consultationId: 'C-B-UC-1',
      command: { type: 'communicate', counterpart: 'party_committee', summary: '汇报' },
      on: '2026-06-17',
      expectedVersion: read.version,
    });
    expect(saved.version).toBe(read.version + 1);
    expect(saved.consultation.communications).toHaveLength(1);

    // The caller read the version before that act: refused, nothing written.
    expect(
      await refused(
        applyConsultationCommand(b, {
          consultationId: 'C-B-UC-1',
          command: { type: 'communicate', counterpart: 'government', summary: '沟通' },
          on: '2026-06-18',
          expectedVersion: read.version,
        }),
      ),
    ).toEqual({ code: 'CONFLICT', issues: [] });
    expect((await visibleConsultation(b, 'C-B-UC-1')).version).toBe(saved.version);

    // Two callers decide on the same version at once: one is recorded, the other is a CONFLICT.
    const results = await Promise.allSettled(
      (['government', 'group_members'] as const).map((counterpart) =>
        applyConsultationCommand(as(townBAdmin), {
          consultationId: 'C-B-UC-1',
          command: { type: 'communicate', counterpart, summary: '商前沟通' },
          on: '2026-06-18',
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((loser.reason as GatewayError).code).toBe('CONFLICT');
    const stored = await visibleConsultation(b, 'C-B-UC-1');
    expect(stored.version).toBe(saved.version + 1);
    expect(stored.consultation.communications).toHaveLength(2);
  });

  it('refuses another township’s officer in the words of a missing consultation', async () => {
    expect(
      await refused(
        applyConsultationCommand(as(townAAdmin), {
          consultationId: 'C-B-UC-1',
          command: { type: 'communicate', counterpart: 'government', summary: '沟通' },
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });
});
