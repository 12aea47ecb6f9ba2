/**
 * Who is asking. Every permission in Jiceng is a question on the organisation trees: a caller
 * has one role and one scope (an organisation node code), and sees what lies within it. What
 * each role may do is the policy's table (`policy.ts`).
 */
export const ROLES = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
  'grid_worker',
  'member',
  'handling_unit',
  'public',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Stable id of the person or system (the token's `sub`). */
  readonly subject: string;
  readonly role: Role;
  /**
   * The organisation node (administrative or party tree) the role applies to; for a
   * `handling_unit` (a unit handling CPPCC proposals 承办单位), the unit's code.
   */
  readonly scope: string;
  readonly name?: string;
}

/** The caller without a token: published disclosures and aggregate statistics only. */
export const PUBLIC: Principal = { subject: 'anonymous', role: 'public', scope: '' };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
