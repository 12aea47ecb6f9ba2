import { type ProfileDocument, referenceProfileDocument } from '@jiceng/domain';
import {
  ConcurrentUpdateError,
  type Database,
  openDatabase,
  ProfileDocumentRepository,
  StoredDataInvalidError,
} from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormOptions, parseDatabaseUrl } from '../src/config.js';
import { ProfileDocumentSchema } from '../src/profile-documents.js';
import { testDatabases } from './support/databases.js';

const county: ProfileDocument = {
  id: 'example_county',
  name: { zh: '示例县', en: 'Example County' },
  extends: 'reference',
  versions: [{ version: '1', effectiveFrom: '2026-01-01', changes: { grid: { workersPerGrid: 4 } } }],
};

describe('parseDatabaseUrl', () => {
  it('picks the driver from the URL', () => {
    expect(parseDatabaseUrl('sqlite:./jiceng.db')).toEqual({ engine: 'sqlite', file: './jiceng.db' });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ engine: 'sqlite', file: ':memory:' });
    expect(parseDatabaseUrl('postgres://u@h/db').engine).toBe('postgresql');
    expect(() => parseDatabaseUrl('mysql://root:secret@h/db')).toThrow(
      /unsupported database URL "mysql:\/\/\*\*\*@h\/db"/,
    );
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/file path/);
  });

  it('sends reads to PostgreSQL replicas when given, and has none otherwise', () => {
    const withReplicas = ormOptions({
      url: 'postgres://u@primary/db',
      entities: [],
      replicaUrls: ['postgres://u@r1/db', 'postgres://u@r2/db'],
    });
    expect(withReplicas.replicas).toEqual([
      { name: 'replica1', clientUrl: 'postgres://u@r1/db' },
      { name: 'replica2', clientUrl: 'postgres://u@r2/db' },
    ]);
    expect(ormOptions({ url: 'postgres://u@primary/db', entities: [] }).replicas).toBeUndefined();
  });
});

describe.each(testDatabases())('profile documents on $name', (target) => {
  let db: Database;
  let repo: ProfileDocumentRepository;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const scratch = await target.create();
    drop = scratch.drop;
    db = await openDatabase({ url: scratch.url });
    repo = new ProfileDocumentRepository(db.em);
  });

  afterAll(async () => {
    await db.close();
    await drop();
  });

  it('stores documents and loads many in one call, in the order asked', async () => {
    await repo.save(referenceProfileDocument);
    await repo.save(county);
    const loaded = await repo.loadMany(['example_county', 'missing', 'reference']);
    expect(loaded.map((d) => d.id)).toEqual(['example_county', 'reference']);
    expect(loaded[0]).toEqual(county);
    expect(loaded[1]?.versions[0]?.changes).toEqual(referenceProfileDocument.versions[0]?.changes);
  });

  it('refuses a stale write with a conflict instead of overwriting', async () => {
    const revision = (await repo.get('example_county'))!.revision;
    const changed = { ...county, name: { zh: '示例县（新）', en: 'Example County (new)' } };
    expect(await repo.save(changed, revision)).toBe(revision + 1);
    await expect(repo.save(county, revision)).rejects.toBeInstanceOf(ConcurrentUpdateError);
    expect((await repo.loadMany(['example_county']))[0]?.name.zh).toBe('示例县（新）');
  });

  it('refuses to hand out a stored document that no longer validates', async () => {
    // Written around the repository, as an old release or a hand edit might have done.
    await db.em.fork().insert(ProfileDocumentSchema, {
      id: 'broken',
      document: { id: 'broken', versions: [] } as unknown as ProfileDocument,
      revision: 1,
    });
    await expect(repo.loadMany(['broken'])).rejects.toBeInstanceOf(StoredDataInvalidError);
  });
});
