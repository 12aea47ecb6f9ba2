/**
 * The consultation pilots' stored rows as a golden vector. The pilots are the reference county's
 * facts (speech 1's townships, topics, dates and proposals), fixed by the seed speeches: the
 * figures below were taken from the seed as it stood before its facts moved into
 * `@jiceng/domain/reference`, so any change to what the seed stores, on either engine, fails here.
 * One change since, on purpose: the CPPCC roster is the reference county's one roster
 * (`referenceCppccRoster`), whose members sit in the rule profile's 12 sectors, so the sectors, the
 * members' sector codes and the groups that carry them (`cppcc_sector`, `cppcc_member`,
 * `consultation`) hash anew; every other table, the topics, events and minutes, is as it was.
 */

import { createHash } from 'node:crypto';
import { consultationPilots } from '@jiceng/domain/reference';
import type { Database } from '@jiceng/persistence';
import { seedConsultationPilots } from '@jiceng/persistence/seed';
import type { EntitySchema } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultationEntities } from '../src/consultation/schemas.js';
import { d, pilotOptions } from './consultation-fixtures.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

/** JSON with every object's keys sorted, so PostgreSQL's jsonb key order does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Each table's row count and the hash of its rows, canonical and sorted. */
async function fingerprint(db: Database): Promise<Record<string, [number, string]>> {
  const em = db.em.fork();
  const result: Record<string, [number, string]> = {};
  for (const schema of consultationEntities as readonly EntitySchema<object>[]) {
    const rows = (await em.find(schema, {})).map((row) => canonical({ ...row })).sort();
    result[schema.meta.tableName] = [rows.length, sha256(rows.join('\n'))];
  }
  return result;
}

/** Each table: [rows, sha-256 of its canonical rows sorted]; the same on SQLite and PostgreSQL. */
const STORED = {
  consultation: [9, '1bf46bb6c739fd2864e693a7d73e422e3a069419d26de48be38058d9037c6bd8'],
  consultation_event: [131, '54a6978600cd3b013ef4681985c4e9a6f254b8f5f3a294d87481ed9526b02481'],
  consultation_liaison_group: [5, '80aab96e42a96a8759051cf22c7ac2a5edbabc5aa8bb594f0617fde8b8c906d8'],
  consultation_minutes: [54, 'bd6cde78799b18bd38719610eb3ce9d6087712b42c205b9ed69724b3e9541efa'],
  consultation_routine_decision: [2, '2e7373daee3f21d04077a588026c34779fa4a68e249ca9e0694646f8be78c76f'],
  consultation_topic: [9, '31204566331e0a9ea0c8ceb0525686b8d11190efb7307d748850c6cf03d186cb'],
  cppcc_member: [259, '5292802d29594e30d98a9f5480a919a3edb66dc515f5f3f09254c9a2da760672'],
  cppcc_sector: [12, 'f59288e661149d50723ee44e24291ce57d2f47a7b41ac4d74b95eb711749b633'],
};

describe('the consultation pilots as data, golden', () => {
  it('are the same data as the seed produced before its facts moved', () => {
    expect(sha256(canonical(consultationPilots(pilotOptions)))).toBe(
      '5321a1a3b0b05760e82a3fee350cd4cb379499524561fc292be0d4d8ec54ed8d',
    );
    expect(sha256(canonical(consultationPilots({ ...pilotOptions, now: d('2026-11-19') })))).toBe(
      '0b7ff83f082c006b59bd794042f809ff4325af2f3551d200b8e124430b35981f',
    );
  });
});

describe.each(testDatabases())('the seeded consultation tables on $name, golden', (target) => {
  let db: Database & { drop(): Promise<void> };

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...consultationEntities]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('hold the same rows as the seed stored before its facts moved', async () => {
    await seedConsultationPilots(db.em, pilotOptions);
    expect(await fingerprint(db)).toEqual(STORED);
  });
});
