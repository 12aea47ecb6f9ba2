import { assessCoBuilding, referenceProfile, unwrap } from '@jiceng/domain';
import { CoBuildingRepository, type Database, InvalidInputError } from '@jiceng/persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pointsEntities } from '../src/points/schemas.js';
import { openScratchDatabase, testDatabases } from './support/databases.js';

const rules = referenceProfile.coBuilding;

describe.each(testDatabases())('co-building commitments and evaluations on $name', (target) => {
  let db: Database & { drop(): Promise<void> };
  let repo: CoBuildingRepository;

  beforeAll(async () => {
    db = await openScratchDatabase(target, [...pointsEntities]);
    repo = new CoBuildingRepository(db.em);
    await repo.registerUnits(2025, 'street1', [
      { code: 'tax_bureau', name: '区税务局' },
      { code: 'hospital', name: '区人民医院' },
    ]);
    await repo.registerUnits(2025, 'street2', [{ code: 'school', name: '实验小学' }]);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('stores commitments once: the same again is a no-op, another text under the code is refused', async () => {
    const commitments = [
      { unit: 'tax_bureau', code: 'c1', text: '每季度开展一次税法进社区' },
      { unit: 'tax_bureau', code: 'c2', text: '结对帮扶困难户 5 户' },
      { unit: 'hospital', code: 'c1', text: '每月义诊一次' },
    ];
    expect(await repo.addCommitments(2025, commitments, rules)).toBe(3);
    expect(await repo.addCommitments(2025, commitments, rules)).toBe(0);
    await expect(
      repo.addCommitments(2025, [{ unit: 'tax_bureau', code: 'c1', text: '另一个承诺' }], rules),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'COBUILDING_DUPLICATE_COMMITMENT' })],
    });
    await expect(
      repo.addCommitments(2025, [{ unit: 'ghost', code: 'c1', text: 'x' }], rules),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('records evaluations with the domain’s checks and assesses the year of one scope', async () => {
    const scores = [
      {
        unit: 'tax_bureau',
        commitment: 'c1',
        round: 1,
        raterGroup: 'joint_meeting_units',
        rater: 'police',
        score: 90,
      },
      {
        unit: 'tax_bureau',
        commitment: 'c1',
        round: 1,
        raterGroup: 'resident_party_members',
        rater: 'm001',
        score: 80,
      },
      {
        unit: 'hospital',
        commitment: 'c1',
        round: 1,
        raterGroup: 'joint_meeting_units',
        rater: 'police',
        score: 95,
      },
    ];
    expect(await repo.recordEvaluations(2025, scores, rules)).toBe(3);
    expect(await repo.recordEvaluations(2025, scores, rules)).toBe(0);
    await expect(repo.recordEvaluations(2025, [{ ...scores[0]!, score: 50 }], rules)).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'COBUILDING_DUPLICATE_EVALUATION' })],
    });
    await expect(
      repo.recordEvaluations(2025, [{ ...scores[0]!, round: 3, rater: 'x' }], rules),
    ).rejects.toMatchObject({
      issues: [expect.objectContaining({ code: 'COBUILDING_ROUND_OUT_OF_RANGE' })],
    });
    const stored = await repo.load(2025, ['street1']);
    expect(stored.units.map((u) => u.code)).toEqual(['hospital', 'tax_bureau']);
    expect(stored.scopes.get('tax_bureau')).toBe('street1');
    const result = unwrap(assessCoBuilding(stored, rules));
    expect(result.units.map((u) => [u.unit, u.score])).toEqual([
      ['hospital', 95],
      ['tax_bureau', 85],
    ]);
    expect((await repo.load(2025, ['street2'])).units.map((u) => u.code)).toEqual(['school']);
    expect((await repo.load(2024, ['street1'])).units).toEqual([]);
  });
});
