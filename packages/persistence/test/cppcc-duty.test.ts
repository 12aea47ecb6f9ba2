import {
  appendDuty,
  type DutyLedger,
  type DutyLedgerInput,
  dutyYear,
  holdVillageMeeting,
  referenceProfile,
  startVillageConsultation,
  unwrap,
} from '@jiceng/domain';
import { generateReferenceCppccDataset } from '@jiceng/domain/reference';
import {
  ConcurrentUpdateError,
  type Database,
  DuplicateKeyError,
  DutyLedgerRepository,
  VillageConsultationRepository,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MinutesFilingSchema } from '../src/consultation/schemas.js';
import { cppccEntities } from '../src/cppcc/schemas.js';
import { seedCppccProposals } from '../src/cppcc/seed.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const data = generateReferenceCppccDataset(referenceProfile);
const { committee } = data;
const context = { rules: referenceProfile, committee };
const [m1, m2] = committee.roster.members.map((m) => m.id);
const office = { role: 'office', id: 'cppcc_office' } as const;
const TERM = 99;

function record(key: string, member: string, item = 'speech'): DutyLedgerInput {
  return {
    type: 'record',
    key,
    member,
    item,
    date: '2025-03-01' as never,
    by: office,
    on: '2025-03-02' as never,
  };
}

describe.each(testDatabases())('CPPCC duty ledger and village consultations on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let ledgers: DutyLedgerRepository;
  let villages: VillageConsultationRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...cppccEntities, MinutesFilingSchema]);
    ledgers = new DutyLedgerRepository(db.em);
    villages = new VillageConsultationRepository(db.em);
  }, 120_000);

  afterAll(async () => {
    await db.drop();
  });

  /** Reads what an append rests on, lets the domain decide, and appends at the version read. */
  async function append(input: DutyLedgerInput) {
    const read = (await ledgers.touching(
      TERM,
      input.key,
      input.type === 'reversal' ? input.record : undefined,
    ))!;
    const { entry } = unwrap(appendDuty(read.ledger, input, context));
    return ledgers.append({ term: TERM, decidedOnVersion: read.version, entries: [entry] });
  }

  it('opens a ledger once and appends entries numbered by its version', async () => {
    expect(await ledgers.ledger(TERM)).toBeUndefined();
    expect(await ledgers.open(TERM, 'reference')).toEqual({ term: TERM, profileId: 'reference', version: 0 });
    expect((await ledgers.open(TERM, 'other')).profileId).toBe('reference');
    await append(record('r1', m1!));
    const stored = await append(record('r2', m2!));
    expect(stored.version).toBe(2);
    const mine = (await ledgers.ofMember(TERM, m1!))!;
    expect(mine.ledger.entries.map((e) => [e.key, e.seq])).toEqual([['r1', 0]]);
  });

  it('files a reversal under the member of the record it cancels, once', async () => {
    const reversal: DutyLedgerInput = {
      type: 'reversal',
      key: 'r1-reversal',
      record: 'r1',
      reason: '重复登记',
      by: office,
      on: '2025-03-05' as never,
    };
    await append(reversal);
    const mine = (await ledgers.ofMember(TERM, m1!))!;
    expect(mine.ledger.entries.map((e) => e.type)).toEqual(['record', 'reversal']);
    // A second reversal of the same record, decided on a ledger read without the first: the store refuses it.
    const stale = { entries: [{ ...mine.ledger.entries[0]! }] } as DutyLedger;
    const { entry } = unwrap(appendDuty(stale, { ...reversal, key: 'r1-reversal-again' }, context));
    const now = (await ledgers.ledger(TERM))!.version;
    await expect(
      ledgers.append({ term: TERM, decidedOnVersion: now, entries: [entry] }),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    expect((await ledgers.ledger(TERM))!.version).toBe(now);
  });

  it('refuses entries decided on a version the ledger has left, and writes none of them', async () => {
    const read = (await ledgers.touching(TERM, 'r3'))!;
    await append(record('r4', m2!));
    const { entry } = unwrap(appendDuty(read.ledger, record('r3', m1!), context));
    await expect(
      ledgers.append({ term: TERM, decidedOnVersion: read.version, entries: [entry] }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await ledgers.touching(TERM, 'r3'))!.ledger.entries).toEqual([]);
  });

  it('reads the records derived from one kind of source with their reversals', async () => {
    const seeded = await seedCppccProposals(db.em, referenceProfile);
    const proposals = (await ledgers.derivedFrom(committee.term, 'proposal'))!;
    const fromData = data.dutyLedger.entries.filter(
      (e) =>
        (e.type === 'record' && e.source?.kind === 'proposal') ||
        (e.type === 'reversal' && e.record.startsWith('proposal:')),
    );
    expect(proposals.ledger.entries.map((e) => e.key)).toEqual(fromData.map((e) => e.key));
    expect(proposals.ledger.entries.length).toBeGreaterThan(100);
    // The seeded ledger scores as the domain's own.
    const all = (await ledgers.all(committee.term))!;
    expect(all.version).toBe(seeded.dutyEntries);
    const stored = unwrap(dutyYear(all.ledger, 2025, context));
    const expected = unwrap(dutyYear(data.dutyLedger, 2025, context));
    expect(stored.members).toEqual(expected.members);
    expect(stored.findings.length).toBe(expected.findings.length);
  }, 120_000);

  it('holds the pilot township: 22 villages, 54 consultations with their minutes filed', async () => {
    const listed = await villages.villages([data.pilotTownship]);
    expect(listed).toEqual(data.villages);
    const consultations = await villages.list([data.pilotTownship]);
    expect(consultations).toHaveLength(54);
    expect(consultations.every((c) => c.consultation.status === 'completed' && c.version === 3)).toBe(true);
    expect(await db.em.fork().count(MinutesFilingSchema, { township: data.pilotTownship })).toBe(54);
  });

  it('stores a consultation step by step and refuses a step decided on a stale version', async () => {
    const village = data.villages[0]!;
    const by = { id: `${village.code}-vc`, name: '村委会', role: 'village_committee' } as const;
    const vctx = (on: string) => ({
      by,
      on: on as never,
      profile: referenceProfile,
      villages: data.villages,
      committee,
    });
    const participants = Array.from({ length: 8 }, (_, i) => ({
      id: `p${i}`,
      name: `村民代表${i}`,
      kind: i < 6 ? ('villager_representative' as const) : ('party_member' as const),
    }));
    const opened = unwrap(
      startVillageConsultation(
        { id: 'VC-T-1', village: village.code, topic: '村道硬化', participants },
        vctx('2026-03-02'),
      ),
    );
    const saved = await villages.save({ consultation: opened, profileId: 'reference', decidedOnVersion: 0 });
    expect(saved.version).toBe(1);
    await expect(
      villages.save({ consultation: opened, profileId: 'reference', decidedOnVersion: 0 }),
    ).rejects.toBeInstanceOf(DuplicateKeyError);
    const held = unwrap(
      holdVillageMeeting(
        opened,
        {
          attendees: participants.map((p) => p.id),
          minutes: '经协商同意',
          outcome: { decision: 'agreed', summary: '通过', votes: { for: 8, against: 0, abstain: 0 } },
        },
        vctx('2026-03-05'),
      ),
    );
    expect(
      (await villages.save({ consultation: held, profileId: 'reference', decidedOnVersion: 1 })).version,
    ).toBe(2);
    await expect(
      villages.save({ consultation: held, profileId: 'reference', decidedOnVersion: 1 }),
    ).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await villages.load('VC-T-1'))?.consultation.status).toBe('report');
  });
});
