import { type Issue, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import {
  COMMUNITY,
  type DirectoryIssueCode,
  duplicateIssue,
  emptyIdIssue,
  GRID,
  invalidHouseholdsIssue,
  STREET,
  shown,
} from './errors.js';
import type { Community, Grid, Street } from './types.js';

/** Where a grid sits: its community and street. */
export interface GridPlacement {
  readonly gridCode: string;
  readonly communityCode: string;
  readonly streetCode: string;
}

/**
 * The grid part of the administrative tree — streets, communities, grids — validated and indexed.
 * Statistics, escalation and staffing read it; the organisation tree (`buildOrgTree`) can hold the
 * same nodes with more levels, but grid rules only need these three.
 */
export interface GridDirectory {
  readonly streets: readonly Street[];
  readonly communities: readonly Community[];
  readonly grids: readonly Grid[];
  /** Grid code → its community and street. */
  readonly placement: ReadonlyMap<string, GridPlacement>;
  /** Community code → street code. */
  readonly streetOf: ReadonlyMap<string, string>;
}

export interface GridDirectoryInput {
  /** Optional: when left out, the streets named by the communities are used. */
  readonly streets?: readonly Street[] | undefined;
  readonly communities: readonly Community[];
  readonly grids: readonly Grid[];
}

/**
 * Validates and indexes streets, communities and grids. Reports every problem: empty or duplicate
 * codes, a community in an unknown street, a grid in an unknown community, and household counts
 * that are not whole numbers ≥ 0.
 *
 * @example
 * const directory = unwrap(createGridDirectory({
 *   communities: [{ code: '330102001001', streetCode: '330102001' }],
 *   grids: [{ code: '330102001001-G01', communityCode: '330102001001', households: 310 }],
 * }));
 * directory.placement.get('330102001001-G01')?.streetCode; // '330102001'
 */
export function createGridDirectory(input: GridDirectoryInput): Result<GridDirectory, DirectoryIssueCode> {
  const issues: Issue<DirectoryIssueCode>[] = [];
  const streets: Street[] =
    input.streets === undefined
      ? [...new Set(input.communities.map((c) => c.streetCode))].map((code) => ({ code }))
      : [...input.streets];
  const streetRow = new Map<string, number>();
  streets.forEach((s, i) => {
    if (s.code === '') issues.push(emptyIdIssue(STREET, ['streets', i, 'code'], i));
    else if (streetRow.has(s.code))
      issues.push(
        duplicateIssue('GRID_DUPLICATE_STREET', STREET, s.code, i, streetRow.get(s.code)!, [
          'streets',
          i,
          'code',
        ]),
      );
    else streetRow.set(s.code, i);
  });
  const streetOf = new Map<string, string>();
  const communityRow = new Map<string, number>();
  input.communities.forEach((c, i) => {
    if (c.code === '') {
      issues.push(emptyIdIssue(COMMUNITY, ['communities', i, 'code'], i));
      return;
    }
    if (communityRow.has(c.code)) {
      issues.push(
        duplicateIssue('GRID_DUPLICATE_COMMUNITY', COMMUNITY, c.code, i, communityRow.get(c.code)!, [
          'communities',
          i,
          'code',
        ]),
      );
      return;
    }
    communityRow.set(c.code, i);
    if (!streetRow.has(c.streetCode)) {
      issues.push(
        issue(
          'GRID_UNKNOWN_STREET',
          {
            zh: `社区“${shown(c.code)}”所属的街道“${shown(c.streetCode)}”不存在`,
            en: `community "${shown(c.code)}" is in street "${shown(c.streetCode)}", which is not listed`,
          },
          ['communities', i, 'streetCode'],
          { community: c.code, street: c.streetCode },
        ),
      );
    }
    streetOf.set(c.code, c.streetCode);
  });
  const placement = new Map<string, GridPlacement>();
  input.grids.forEach((g, i) => {
    if (g.code === '') {
      issues.push(emptyIdIssue(GRID, ['grids', i, 'code'], i));
      return;
    }
    if (placement.has(g.code)) {
      const first = input.grids.findIndex((x) => x.code === g.code);
      issues.push(duplicateIssue('GRID_DUPLICATE_GRID', GRID, g.code, i, first, ['grids', i, 'code']));
      return;
    }
    if (!Number.isSafeInteger(g.households) || g.households < 0) {
      issues.push(invalidHouseholdsIssue(GRID, g.code, g.households, ['grids', i, 'households']));
    }
    const streetCode = streetOf.get(g.communityCode);
    if (streetCode === undefined) {
      issues.push(
        issue(
          'GRID_UNKNOWN_COMMUNITY',
          {
            zh: `网格“${shown(g.code)}”所属的社区“${shown(g.communityCode)}”不存在`,
            en: `grid "${shown(g.code)}" is in community "${shown(g.communityCode)}", which is not listed`,
          },
          ['grids', i, 'communityCode'],
          { grid: g.code, community: g.communityCode },
        ),
      );
      return;
    }
    placement.set(g.code, { gridCode: g.code, communityCode: g.communityCode, streetCode });
  });
  if (issues.length > 0) return fail(issues);
  return ok({ streets, communities: input.communities, grids: input.grids, placement, streetOf });
}
