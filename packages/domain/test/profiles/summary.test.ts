import {
  createProfileCatalog,
  parseProfileDocument,
  referenceProfile,
  sourcesUnder,
  summarizeProfile,
  unwrap,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const county = `id: c
name: { zh: 某县, en: A county }
extends: reference
versions:
  - version: "1"
    effectiveFrom: "2026-01-01"
    changes:
      grid:
        households: { min: 150, target: 250, max: 350 }
      consultation:
        group:
          size: { target: 20 }
      points:
        items:
          - code: pioneer_post
            remove: true
`;

const profile = unwrap(
  unwrap(createProfileCatalog([unwrap(parseProfileDocument(county))])).profileAt('c', '2026-06-01'),
);

describe('the profile summary says whose values a group shows', () => {
  it('tags a group the county set whole as the county’s, not as the default it replaced', () => {
    expect(sourcesUnder(profile, 'grid.households')).toEqual(['county']);
    const line = summarizeProfile(profile, 'en').find((l) => l.startsWith('Grids:'));
    expect(line).toContain('(target 250) [county setting]');
    expect(line).not.toContain('(target 250) [common practice');
  });

  it('names both sources of a group the county changed in part, the county first', () => {
    expect(sourcesUnder(profile, 'consultation.group.size')).toEqual(['county', 'seed']);
    const line = summarizeProfile(profile, 'zh').find((l) => l.startsWith('协商小组'));
    expect(line).toContain('[本县设定、种子材料]');
  });

  it('counts a removal as the county’s change to the list', () => {
    expect(sourcesUnder(profile, 'points.items')[0]).toBe('county');
  });

  it('leaves the reference county’s own tags as they were', () => {
    expect(sourcesUnder(referenceProfile, 'grid.households')).toEqual(['common_practice']);
  });
});
