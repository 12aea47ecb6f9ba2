import {
  createProfileCatalog,
  defineRuleProfile,
  JicengError,
  parseProfileDocument,
  provenanceOf,
  referenceProfile,
  referenceProfileDocument,
  ruleProfileJsonSchemas,
  safeDefineRuleProfile,
  summarizeProfile,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { exampleCountyYaml } from './fixtures.js';

function catalogOf(...texts: string[]) {
  const parsed = texts.map((t, i) => unwrap(parseProfileDocument(t, { fileName: `county${i}.yaml` })));
  return unwrap(createProfileCatalog(parsed));
}

describe('reference profile', () => {
  it('holds the seed figures of the speeches', () => {
    const p = referenceProfile;
    expect(p.points.categories.map((c) => c.name.zh)).toEqual([
      '骨干类',
      '普通类',
      '流动类',
      '在职类',
      '非公企业和社会组织类',
    ]);
    expect(p.grid.workersPerGrid).toBe(3);
    expect(p.grid.jointMeetings).toEqual({ street: 'quarterly', community: 'monthly' });
    expect(p.coBuilding.cadrePartyBuildingWeight).toBe(0.3);
    expect(p.coBuilding.evaluationsPerYear).toBe(2);
    expect(p.consultation.group.size.target).toBe(20);
    expect(p.consultation.liaisonGroup.minMembersPerTownship).toBe(10);
    expect(p.consultation.liaisonGroup.sectorCount).toBe(12);
    expect(p.consultation.liaisonGroup.fiveHaves).toHaveLength(5);
    expect(p.consultation.thematic.perLiaisonGroupPerYear).toEqual({ min: 1, max: 2 });
    expect(p.consultation.routine.requiredItemKinds.map((k) => k.code)).toEqual([
      'party_congress_report',
      'peoples_congress_report',
      'annual_key_work_plan',
      'important_decision',
    ]);
    expect(Object.keys(p.grid.requests)).toEqual(['dispute', 'safety_hazard', 'service_request']);
  });

  it('marks which settings are seed figures and which are common-practice defaults', () => {
    expect(provenanceOf(referenceProfile, 'grid.workersPerGrid')?.source).toBe('seed');
    expect(provenanceOf(referenceProfile, 'points.categories')?.source).toBe('seed');
    expect(provenanceOf(referenceProfile, 'points.baseScore')?.source).toBe('common_practice');
    expect(provenanceOf(referenceProfile, 'grid.households.target')?.source).toBe('common_practice');
    expect(provenanceOf(referenceProfile, 'points.items.volunteer_service.points')?.source).toBe(
      'common_practice',
    );
  });

  it('is frozen so no caller can change the shared rules', () => {
    expect(Object.isFrozen(referenceProfile)).toBe(true);
    expect(Object.isFrozen(referenceProfile.points.items[0])).toBe(true);
    expect(() => {
      (referenceProfile.grid as { workersPerGrid: number }).workersPerGrid = 9;
    }).toThrow(TypeError);
  });

  it('knows the 2026 holidays and make-up working days', () => {
    const y = referenceProfile.calendar['2026']!;
    expect(y.holidays).toContain('2026-02-17');
    expect(y.makeupWorkdays).toContain('2026-02-14');
    expect(y.holidays).not.toContain('2026-02-14');
  });

  it('summarises itself in both languages with sources', () => {
    const zh = summarizeProfile(referenceProfile, 'zh').join('\n');
    const en = summarizeProfile(referenceProfile, 'en').join('\n');
    expect(zh).toContain('骨干类、普通类、流动类、在职类、非公企业和社会组织类');
    expect(zh).toContain('每格网格员 3 名 [种子材料]');
    expect(en).toContain('3 grid workers per grid [seed]');
    expect(en).toContain('target 20');
  });
});

describe('a second county changes rules without code', () => {
  const catalog = catalogOf(exampleCountyYaml);

  it('changes a point value, a category name, the grid target and the consultation group size', () => {
    const p = unwrap(catalog.profileAt('example_county', '2026-07-01'));
    expect(p.points.items.find((i) => i.code === 'volunteer_service')?.points).toBe(2);
    expect(p.points.items.find((i) => i.code === 'river_patrol')?.caps.month).toBe(4);
    expect(p.points.categories.find((c) => c.code === 'mobile')?.name.zh).toBe('外出流动类');
    expect(p.grid.households).toEqual({ min: 150, target: 250, max: 400 });
    expect(p.consultation.group.size).toEqual({ min: 11, target: 15, max: 19 });
    expect(p.extends).toBe('reference');
    expect(p.version).toBe('2026.2');
  });

  it('still resolves a date before the change to the old values', () => {
    const before = unwrap(catalog.profileAt('example_county', '2026-06-30'));
    expect(before.points.items.find((i) => i.code === 'volunteer_service')?.points).toBe(1);
    expect(before.points.items.some((i) => i.code === 'river_patrol')).toBe(false);
    expect(before.grid.households.target).toBe(300);
    expect(before.consultation.group.size.target).toBe(20);
    // the first version's change is in force from the start
    expect(before.points.categories.find((c) => c.code === 'mobile')?.name.zh).toBe('外出流动类');
  });

  it('keeps everything it did not change from the reference profile', () => {
    const p = unwrap(catalog.profileAt('example_county', '2027-01-01'));
    expect(p.grid.workersPerGrid).toBe(referenceProfile.grid.workersPerGrid);
    expect(p.points.items).toHaveLength(referenceProfile.points.items.length + 1);
    expect(p.calendar).toEqual(referenceProfile.calendar);
  });

  it('marks what the county changed as its own setting', () => {
    const p = unwrap(catalog.profileAt('example_county', '2026-07-01'));
    expect(provenanceOf(p, 'grid.households.target')).toEqual({
      source: 'county',
      note: 'example_county 2026.2',
    });
    expect(provenanceOf(p, 'grid.workersPerGrid')?.source).toBe('seed');
    expect(provenanceOf(p, 'points.items.volunteer_service.points')?.source).toBe('county');
    expect(provenanceOf(p, 'points.items.honour.points')?.source).toBe('common_practice');
  });

  it('has no version before its first effective date', () => {
    const r = catalog.profileAt('example_county', '2024-12-31');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.code).toBe('PROFILE_NO_VERSION_AT_DATE');
  });

  it('reports an unknown profile id', () => {
    const r = catalog.profileAt('nowhere', '2026-01-01');
    expect(!r.ok && r.issues[0]?.code).toBe('PROFILE_NOT_FOUND');
  });

  it('inherits a later change of its parent while its own overrides still win', () => {
    const parent = `
id: city
name: { zh: 市级模板, en: City template }
extends: reference
versions:
  - version: "1"
    effectiveFrom: 2025-01-01
    changes: { grid: { workersPerGrid: 3 } }
  - version: "2"
    effectiveFrom: 2027-01-01
    changes: { grid: { workersPerGrid: 4, partyGroupMinMembers: 5 } }
`;
    const child = `
id: district
name: { zh: 某区, en: A district }
extends: city
versions:
  - version: "1"
    effectiveFrom: 2026-01-01
    changes: { grid: { partyGroupMinMembers: 4 } }
`;
    const c = catalogOf(child, parent);
    expect(c.ids).toEqual(['reference', 'city', 'district']);
    const in2026 = unwrap(c.profileAt('district', '2026-05-01'));
    const in2027 = unwrap(c.profileAt('district', '2027-05-01'));
    expect(in2026.grid.workersPerGrid).toBe(3);
    expect(in2027.grid.workersPerGrid).toBe(4);
    expect(in2027.grid.partyGroupMinMembers).toBe(4);
    expect(in2027.version).toBe('1+city@2');
    expect(c.history('district')?.versions.map((v) => v.effectiveFrom)).toEqual(['2026-01-01', '2027-01-01']);
  });
});

describe('defineRuleProfile (TypeScript form)', () => {
  it('merges typed changes onto the reference profile', () => {
    const county = defineRuleProfile({
      id: 'ts_county',
      version: '2026.1',
      effectiveFrom: '2026-01-01',
      grid: { households: { target: 280 } },
      points: {
        items: [
          { code: 'honour', points: 12 },
          { code: 'discipline', remove: true },
        ],
      },
    });
    expect(county.grid.households.target).toBe(280);
    expect(county.points.items.find((i) => i.code === 'honour')?.points).toBe(12);
    expect(county.points.items.some((i) => i.code === 'discipline')).toBe(false);
    expect(county.name).toEqual(referenceProfile.name);
    expect(referenceProfile.points.items.some((i) => i.code === 'discipline')).toBe(true);
  });

  it('throws a JicengError listing every problem', () => {
    let caught: unknown;
    try {
      defineRuleProfile({
        id: 'bad',
        version: '1',
        effectiveFrom: '2026-02-30',
        grid: { households: { min: 500 }, workersPerGrid: 0 },
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(JicengError);
    const codes = (caught as JicengError).issues.map((i) => `${i.code}@${i.path.join('.')}`);
    expect(codes).toContain('PROFILE_INVALID_FORMAT@effectiveFrom');
    expect(codes).toContain('PROFILE_RULE_VIOLATION@grid.households');
    expect(codes).toContain('PROFILE_OUT_OF_RANGE@grid.workersPerGrid');
    expect((caught as JicengError).localized('zh')).toContain('户数须满足');
  });

  it('can extend any profile, not only the reference one', () => {
    const parent = defineRuleProfile({
      id: 'p',
      version: '1',
      effectiveFrom: '2025-01-01',
      grid: { workersPerGrid: 4 },
    });
    const child = unwrap(
      safeDefineRuleProfile({ id: 'c', version: '1', effectiveFrom: '2025-01-01' }, parent),
    );
    expect(child.grid.workersPerGrid).toBe(4);
    expect(child.extends).toBe('p');
  });
});

describe('JSON Schema export', () => {
  it('describes the document a county writes, refusing unknown keys', () => {
    const { document, profile } = ruleProfileJsonSchemas();
    const doc = document as {
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(doc.required).toEqual(expect.arrayContaining(['id', 'name', 'versions']));
    expect(doc.additionalProperties).toBe(false);
    expect(JSON.stringify(document)).toContain('Households per grid');
    expect((profile as { properties: Record<string, unknown> }).properties).toHaveProperty('points');
  });

  it('round-trips the reference profile through its document form', () => {
    const json = JSON.stringify(referenceProfileDocument);
    const parsed = unwrap(parseProfileDocument(json));
    const catalog = unwrap(createProfileCatalog([parsed], { includeReference: false }));
    expect(unwrap(catalog.profileAt('reference', '2026-01-01'))).toEqual(referenceProfile);
  });
});
