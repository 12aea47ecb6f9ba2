import {
  createProfileCatalog,
  type ProfileDocument,
  referenceProfile,
  referenceProfileDocument,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

// A county adds next year's holiday schedule to the built-in reference profile by storing a
// document with the reference id: its versions follow the built-in one.
const year2027 = { holidays: ['2027-01-01'], makeupWorkdays: ['2027-01-09'] };
const continuation = (effectiveFrom: string, extra: Partial<ProfileDocument> = {}): ProfileDocument => ({
  id: 'reference',
  name: referenceProfileDocument.name,
  versions: [{ version: 'calendar-2027', effectiveFrom, changes: { calendar: { '2027': year2027 } } }],
  ...extra,
});
const county: ProfileDocument = {
  id: 'example_county',
  name: { zh: '示例县', en: 'Example County' },
  extends: 'reference',
  versions: [{ version: '1', effectiveFrom: '2026-01-01', changes: {} }],
};

describe('continuing the built-in reference profile', () => {
  it('adds the later version to the reference and to every profile extending it', () => {
    const catalog = unwrap(createProfileCatalog([county, continuation('2026-12-04')]));
    const before = unwrap(catalog.profileAt('reference', '2026-12-03'));
    const after = unwrap(catalog.profileAt('reference', '2026-12-04'));
    expect(Object.keys(before.calendar)).not.toContain('2027');
    expect(after.calendar['2027']).toEqual(year2027);
    expect(after.calendar['2026']).toEqual(referenceProfile.calendar['2026']);
    expect(after.version).toBe('calendar-2027');
    expect(unwrap(catalog.profileAt('example_county', '2026-12-05')).calendar['2027']).toEqual(year2027);
    expect(Object.keys(unwrap(catalog.profileAt('example_county', '2026-06-01')).calendar)).not.toContain(
      '2027',
    );
    expect(catalog.history('reference')?.versions).toHaveLength(2);
  });

  it('refuses a continuation dated before the built-in version, or one that extends a profile', () => {
    const early = createProfileCatalog([continuation(referenceProfile.effectiveFrom)]);
    expect(!early.ok && early.issues.map((i) => i.code)).toEqual(['PROFILE_VERSION_ORDER']);
    const parented = createProfileCatalog([
      continuation('2026-12-04', { extends: 'example_county' }),
      county,
    ]);
    expect(!parented.ok && parented.issues.map((i) => i.code)).toEqual(['PROFILE_DUPLICATE_ID']);
    const twice = createProfileCatalog([continuation('2026-12-04'), continuation('2026-12-05')]);
    expect(!twice.ok && twice.issues.map((i) => i.code)).toEqual(['PROFILE_DUPLICATE_ID']);
  });

  it('checks the continued versions like any other', () => {
    const bad = continuation('2026-12-04');
    const r = createProfileCatalog([
      {
        ...bad,
        versions: [
          {
            ...bad.versions[0]!,
            changes: { calendar: { '2027': { holidays: ['2026-01-01'], makeupWorkdays: [] } } },
          },
        ],
      },
    ]);
    expect(r.ok).toBe(false);
  });
});
