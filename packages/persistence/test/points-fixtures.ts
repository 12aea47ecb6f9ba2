import {
  type PointEntryInput,
  type ProfileHistory,
  type ReviewInput,
  type RuleVersions,
  referenceProfile,
  residentIdCheckDigit,
  type SubmitInput,
} from '@jiceng/domain';
import type { MemberInput } from '@jiceng/persistence';

/** The reference profile as a one-version history. */
export const referenceHistory: ProfileHistory = {
  id: referenceProfile.id,
  name: referenceProfile.name,
  versions: [referenceProfile],
};

/** The rules lookup the repositories take: only the reference profile is known. */
export const rulesFor = (id: string): RuleVersions | undefined =>
  id === 'reference' ? referenceHistory : undefined;

/** A valid resident ID number (region 330102) for a birth date and a sequence. */
export function residentId(birth: string, sequence: number): string {
  const first17 = `330102${birth.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
}

const since = (category: string) => [{ category, from: '2020-01-01' }];

/** A small street: two residential branches, one unit branch, two communities. */
export const streetMembers: readonly MemberInput[] = [
  {
    code: 'm001',
    name: '张明',
    branch: 'b1',
    community: 'hanjianglu',
    grid: 'g1',
    categories: since('ordinary'),
    residentId: residentId('1980-05-12', 11),
    mobile: '+86 138-1234-5678',
  },
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
];

export const self = { role: 'self', id: 'm001' } as const;
export const branch = { role: 'branch', id: 'b1' } as const;
export const committee = { role: 'committee', id: 'street_committee' } as const;

/** A point entry input with the fields tests rarely vary filled in. */
export function point(
  key: string,
  member: string,
  item: string,
  date: string,
  extra: Partial<Omit<PointEntryInput, 'type' | 'key' | 'member' | 'item' | 'date'>> = {},
): PointEntryInput {
  return { type: 'point', key, member, item, date, by: { role: 'self', id: member }, on: date, ...extra };
}

export function submit(entry: string, on: string, member = 'm001'): SubmitInput {
  return { type: 'submit', key: `${entry}/submit`, entry, by: { role: 'self', id: member }, on };
}

export function approve(entry: string, on: string, by: string = 'b1'): ReviewInput {
  return {
    type: 'review',
    key: `${entry}/review`,
    entry,
    by: { role: 'branch', id: by },
    on,
    decision: 'approve',
  };
}
