import {
  createMemberDirectory,
  createProfileCatalog,
  type LedgerInput,
  type MemberDirectory,
  type PartyMember,
  type PointEntryInput,
  type PointRecord,
  type PointStatus,
  type PointsContext,
  type ProfileHistory,
  referenceProfile,
  unwrap,
} from '@jiceng/domain';

/** The reference profile as a one-version history. */
export const referenceHistory: ProfileHistory = {
  id: referenceProfile.id,
  name: referenceProfile.name,
  versions: [referenceProfile],
};

/**
 * A county that extends the reference profile and changes its rules on 1 July 2025: volunteer
 * service goes from 1 to 2 points an hour and its monthly cap from 10 to 16.
 */
export const twoVersionCatalog = unwrap(
  createProfileCatalog([
    {
      id: 'test_county',
      name: { zh: '测试县', en: 'Test County' },
      extends: 'reference',
      versions: [
        { version: '2025.1', effectiveFrom: '2025-01-01', changes: {} },
        {
          version: '2025.2',
          effectiveFrom: '2025-07-01',
          changes: { points: { items: [{ code: 'volunteer_service', points: 2, caps: { month: 16 } }] } },
        },
      ],
    },
  ]),
);
export const twoVersions: ProfileHistory = twoVersionCatalog.history('test_county')!;

/**
 * A county that tightens its caps in the middle of July 2025: a member may already have used
 * more of a month's or the year's cap than the new rules allow.
 */
export const fallingCaps: ProfileHistory = unwrap(
  createProfileCatalog([
    {
      id: 'tight_county',
      name: { zh: '收紧县', en: 'Tightening County' },
      extends: 'reference',
      versions: [
        { version: '2025.1', effectiveFrom: '2025-01-01', changes: {} },
        {
          version: '2025.2',
          effectiveFrom: '2025-07-15',
          changes: {
            points: {
              items: [
                { code: 'volunteer_service', caps: { month: 4, year: 30 } },
                { code: 'grid_duty', caps: { month: 2 } },
                { code: 'dispute_mediation', caps: { quarter: 3 } },
              ],
            },
          },
        },
      ],
    },
  ]),
).history('tight_county')!;

/**
 * A county that turns an award into a deduction on 15 July 2025: hazard reports stop earning
 * points and start costing them (a made-up rule, to hold the scoring paths equal when one code
 * is an award in one version and a deduction in the next).
 */
export const turnedItem: ProfileHistory = unwrap(
  createProfileCatalog([
    {
      id: 'turned_county',
      name: { zh: '转向县', en: 'Turning County' },
      extends: 'reference',
      versions: [
        { version: '2025.1', effectiveFrom: '2025-01-01', changes: {} },
        {
          version: '2025.2',
          effectiveFrom: '2025-07-15',
          changes: { points: { items: [{ code: 'hazard_report', kind: 'deduction' }] } },
        },
      ],
    },
  ]),
).history('turned_county')!;

const since = (category: string) => [{ category, from: '2020-01-01' }];

/** A small street: two residential branches, one unit branch, two communities. */
export const streetMembers: readonly PartyMember[] = [
  { code: 'm001', name: '张明', branch: 'b1', community: 'hanjianglu', categories: since('ordinary') },
  {
    code: 'm002',
    name: '李华',
    branch: 'b1',
    community: 'hanjianglu',
    categories: [
      { category: 'ordinary', from: '2020-01-01' },
      { category: 'mobile', from: '2025-06-15' },
    ],
  },
  { code: 'm003', name: '王芳', branch: 'b1', community: 'hanjianglu', categories: since('backbone') },
  { code: 'm004', name: '赵强', branch: 'b2', community: 'shengli', categories: since('non_public') },
  {
    code: 'm100',
    name: '陈静',
    branch: 'tax_bureau',
    community: 'hanjianglu',
    categories: since('in_service'),
    dualRegistrations: [{ community: 'hanjianglu', from: '2024-03-01' }],
  },
  {
    code: 'm101',
    name: '周伟',
    branch: 'tax_bureau',
    community: 'hanjianglu',
    categories: since('in_service'),
    dualRegistrations: [{ community: 'hanjianglu', from: '2025-01-01' }],
  },
];

export const street: MemberDirectory = unwrap(createMemberDirectory(streetMembers));
export const context: PointsContext = { rules: referenceHistory, members: street };

/** A point entry input with the fields tests rarely vary filled in. */
export function point(
  key: string,
  member: string,
  item: string,
  date: string,
  extra: Partial<Omit<PointEntryInput, 'type' | 'key' | 'member' | 'item' | 'date'>> = {},
): PointEntryInput {
  return {
    type: 'point',
    key,
    member,
    item,
    date,
    by: { role: 'self', id: member },
    on: date,
    ...extra,
  };
}

/** A point record as the ledger would derive it, for tests of scoring alone. */
export function record(
  key: string,
  member: string,
  item: string,
  date: string,
  options: { quantity?: number; status?: PointStatus; adjustment?: PointRecord['adjustment'] } = {},
): PointRecord {
  return {
    entry: {
      type: 'point',
      key,
      member,
      item,
      date,
      ...(options.quantity === undefined ? {} : { quantity: options.quantity }),
      by: { role: 'branch', id: 'b1' },
      on: date,
      seq: 0,
    },
    status: options.status ?? 'approved',
    ...(options.adjustment === undefined ? {} : { adjustment: options.adjustment }),
    lastStepOn: date,
    steps: [],
  };
}

export type { LedgerInput };
