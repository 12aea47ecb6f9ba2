import { createProfileCatalog, type ProfileIssue, parseProfileDocument, unwrap } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

function problemsOf(...texts: string[]): ProfileIssue[] {
  const parsed = texts.map((t, i) => parseProfileDocument(t, { fileName: `c${i}.yaml` }));
  const failed = parsed.flatMap((p) => (p.ok ? [] : p.issues));
  if (failed.length > 0) return failed;
  const catalog = createProfileCatalog(parsed.map((p) => unwrap(p)));
  return catalog.ok ? [] : [...catalog.issues];
}

const head = (changes: string, extra = '') => `id: c
name: { zh: 某县, en: A county }
extends: reference
versions:
  - version: "1"
    effectiveFrom: 2026-01-01
    changes:
${changes}
${extra}`;

describe('profile errors name the exact path, in zh and en', () => {
  it('refuses an unknown key (a typo) with its path and line', () => {
    const [p] = problemsOf(head('      grid:\n        workersPerGird: 4'));
    expect(p?.code).toBe('PROFILE_UNKNOWN_KEY');
    expect(p?.path).toEqual(['versions', 0, 'changes', 'grid', 'workersPerGird']);
    expect(p?.details).toMatchObject({ line: 9, fileName: 'c0.yaml' });
    expect(p?.message.zh).toContain('未知的配置项“workersPerGird”，是否应为“workersPerGrid”？');
    expect(p?.message.en).toContain('unknown setting "workersPerGird"; did you mean "workersPerGrid"?');
    expect(p?.details).toMatchObject({
      suggestion: 'workersPerGrid',
      at: 'versions["1"].changes.grid.workersPerGird',
    });
  });

  it('suggests nothing for a key far from every known one', () => {
    const [p] = problemsOf(head('      grid:\n        colour: blue'));
    expect(p?.code).toBe('PROFILE_UNKNOWN_KEY');
    expect(p?.details?.['suggestion']).toBeUndefined();
    expect(p?.message.en).toContain('unknown setting "colour" (a typo?)');
  });

  it('names list entries by their code, not their position', () => {
    const [p] = problemsOf(
      head(
        '      points:\n        items:\n          - code: volunteer_service\n            capz: { month: 4 }',
      ),
    );
    expect(p?.path).toEqual(['versions', 0, 'changes', 'points', 'items', 0, 'capz']);
    expect(p?.details?.['at']).toBe('versions["1"].changes.points.items["volunteer_service"].capz');
    expect(p?.message.en).toContain('did you mean "caps"?');
  });

  it('says an impossible date is one, in both languages', () => {
    const [p] = problemsOf(head('      {}').replace('2026-01-01', '2026-02-30'));
    expect(p?.code).toBe('PROFILE_INVALID_FORMAT');
    expect(p?.message.zh).toContain('须为 YYYY-MM-DD 格式的真实日期');
    expect(p?.message.en).toContain('must be a real calendar date');
  });

  it('refuses a wrong type', () => {
    const [p] = problemsOf(head('      grid:\n        workersPerGrid: three'));
    expect(p?.code).toBe('PROFILE_WRONG_TYPE');
    expect(p?.path).toEqual(['versions', 0, 'changes', 'grid', 'workersPerGrid']);
    expect(p?.message.en).toContain('expected number, got string');
    expect(p?.message.zh).toContain('应为数字');
  });

  it('refuses a value out of range', () => {
    const [p] = problemsOf(head('      coBuilding:\n        cadrePartyBuildingWeight: 1.3'));
    expect(p?.code).toBe('PROFILE_OUT_OF_RANGE');
    expect(p?.message.en).toContain('≤ 1');
  });

  it('refuses an invalid enum value listing the allowed ones', () => {
    const [p] = problemsOf(head('      grid:\n        jointMeetings: { street: weekly }'));
    expect(p?.code).toBe('PROFILE_INVALID_VALUE');
    expect(p?.message.en).toContain('"quarterly"');
  });

  it('points a merged-profile rule back into the document by code', () => {
    const problems = problemsOf(
      head('      points:\n        items:\n          - code: honour\n            caps: { month: 50 }'),
    );
    expect(problems.map((p) => p.code)).toEqual(['PROFILE_RULE_VIOLATION']);
    expect(problems[0]?.path).toEqual(['versions', 0, 'changes', 'points', 'items', 0, 'caps', 'month']);
    expect(problems[0]?.message.zh).toContain('月度上限（50）不能大于年度上限（20）');
  });

  it('refuses an item for an unknown member category', () => {
    const [p] = problemsOf(
      head(
        '      points:\n        items:\n          - code: grid_duty\n            categories: [ordinary, retired]',
      ),
    );
    expect(p?.code).toBe('PROFILE_UNKNOWN_REFERENCE');
    expect(p?.path).toEqual(['versions', 0, 'changes', 'points', 'items', 0, 'categories', 1]);
  });

  it('refuses a new item that lacks required fields, naming each', () => {
    const problems = problemsOf(
      head('      points:\n        items:\n          - code: new_thing\n            points: 3'),
    );
    expect(problems.every((p) => p.code === 'PROFILE_REQUIRED')).toBe(true);
    expect(problems.map((p) => p.path.at(-1)).sort()).toEqual(['categories', 'kind', 'name', 'recordedBy']);
  });

  it('refuses removing an item that does not exist', () => {
    const [p] = problemsOf(
      head('      points:\n        items:\n          - code: no_such\n            remove: true'),
    );
    expect(p?.code).toBe('PROFILE_REMOVE_UNKNOWN');
    expect(p?.path).toEqual(['versions', 0, 'changes', 'points', 'items', 0]);
  });

  it('refuses grid sizes out of order', () => {
    const [p] = problemsOf(head('      grid:\n        households: { min: 350 }'));
    expect(p?.code).toBe('PROFILE_RULE_VIOLATION');
    expect(p?.message.en).toContain('min ≤ target ≤ max');
  });

  it('refuses weights that do not add up to one', () => {
    const [p] = problemsOf(head('      coBuilding:\n        raterWeights: { resident_party_members: 0.2 }'));
    expect(p?.code).toBe('PROFILE_RULE_VIOLATION');
    expect(p?.message.zh).toContain('权重之和须为 1');
  });

  it('refuses a holiday that is also a make-up working day, and a date in the wrong year', () => {
    const problems = problemsOf(
      head(
        "      calendar:\n        '2027': { holidays: ['2027-01-01', '2026-12-31'], makeupWorkdays: ['2027-01-01'] }",
      ),
    );
    expect(problems.map((p) => p.details?.['rule']).sort()).toEqual(['conflict', 'wrong_year']);
  });

  it('refuses an impossible date', () => {
    const [p] = problemsOf(head('      {}').replace('2026-01-01', '2026-02-30'));
    expect(p?.code).toBe('PROFILE_INVALID_FORMAT');
    expect(p?.path).toEqual(['versions', 0, 'effectiveFrom']);
  });

  it('refuses versions out of date order', () => {
    const [p] = problemsOf(head('      {}', '  - version: "2"\n    effectiveFrom: 2025-06-01\n'));
    expect(p?.code).toBe('PROFILE_VERSION_ORDER');
    expect(p?.path).toEqual(['versions', 1, 'effectiveFrom']);
  });

  it('reports a YAML syntax error with its line', () => {
    const [p] = problemsOf('id: c\nname: { zh: a, en: b\nversions: []\n');
    expect(p?.code).toBe('PROFILE_SYNTAX');
    expect(p?.details?.['line']).toBeGreaterThan(1);
  });

  it('reports a missing document key at the nearest line', () => {
    const [p] = problemsOf('id: c\nversions:\n  - version: "1"\n    effectiveFrom: 2026-01-01\n');
    expect(p?.code).toBe('PROFILE_REQUIRED');
    expect(p?.path).toEqual(['name']);
  });

  it('refuses an unknown parent', () => {
    const [p] = problemsOf(head('      {}').replace('extends: reference', 'extends: atlantis'));
    expect(p?.code).toBe('PROFILE_UNKNOWN_PARENT');
    expect(p?.details?.['line']).toBe(3);
  });

  it('refuses profiles that extend each other in a cycle', () => {
    const a = head('      {}').replace('id: c', 'id: a').replace('extends: reference', 'extends: b');
    const b = head('      {}').replace('id: c', 'id: b').replace('extends: reference', 'extends: a');
    const problems = problemsOf(a, b);
    expect(problems.map((p) => p.code)).toContain('PROFILE_EXTENDS_CYCLE');
    expect(problems.find((p) => p.code === 'PROFILE_EXTENDS_CYCLE')?.message.en).toMatch(
      /a → b → a|b → a → b/,
    );
  });

  it('refuses two documents with the same id, and one that takes the reference id', () => {
    const problems = problemsOf(
      head('      {}'),
      head('      {}'),
      head('      {}').replace('id: c', 'id: reference'),
    );
    expect(problems.filter((p) => p.code === 'PROFILE_DUPLICATE_ID')).toHaveLength(2);
  });

  it('refuses a non-object document without crashing', () => {
    const [p] = problemsOf('just a string');
    expect(p?.code).toBe('PROFILE_WRONG_TYPE');
  });
});
