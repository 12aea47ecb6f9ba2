import { isLocalDate } from '../shared/dates.js';
import { fail, ok, type Result } from '../shared/result.js';
import { type PointsIssue, type PointsIssueCode, pointsIssues } from './errors.js';
import type { CategorySpan, DualRegistration, MemberDirectory, PartyMember, ScoredMember } from './types.js';

/**
 * Indexes and checks a member list: unique codes, a branch each, at least one category span,
 * real dates in order. Reports every problem at once. Category codes are checked against the
 * rules when an entry is recorded, because they may differ between rule versions.
 *
 * @example
 * const members = unwrap(createMemberDirectory([
 *   { code: 'm001', branch: 'hanjianglu_b1', categories: [{ category: 'ordinary', from: '2020-01-01' }] },
 * ]));
 */
export function createMemberDirectory(
  members: readonly PartyMember[],
): Result<MemberDirectory, PointsIssueCode> {
  const issues: PointsIssue[] = [];
  const indexOf = new Map<string, number>();
  const bad = (
    m: PartyMember,
    i: number,
    zh: string,
    en: string,
    path: (string | number)[],
    reason: string,
  ) => issues.push(pointsIssues.invalidMember(String(m.code), { zh, en }, [i, ...path], reason));
  members.forEach((m, i) => {
    if (typeof m.code !== 'string' || m.code.trim() === '') {
      bad(m, i, '编号为空', 'the code is empty', ['code'], 'empty_code');
    } else if (indexOf.has(m.code)) {
      bad(
        m,
        i,
        `编号与第 ${indexOf.get(m.code)} 行重复`,
        `the code repeats row ${indexOf.get(m.code)}`,
        ['code'],
        'duplicate',
      );
    } else {
      indexOf.set(m.code, i);
    }
    if (typeof m.branch !== 'string' || m.branch.trim() === '') {
      bad(m, i, '所在党支部为空', 'the branch is empty', ['branch'], 'empty_branch');
    }
    if (!Array.isArray(m.categories) || m.categories.length === 0) {
      bad(m, i, '没有党员类别', 'it has no category', ['categories'], 'no_category');
    } else {
      let previous = '';
      m.categories.forEach((span, j) => {
        if (!isLocalDate(span.from)) {
          bad(
            m,
            i,
            `类别起始日期“${span.from}”无效`,
            `category start "${span.from}" is not a date`,
            ['categories', j, 'from'],
            'invalid_date',
          );
        } else if (span.from <= previous) {
          bad(
            m,
            i,
            '类别须按起始日期从早到晚排列且不重复',
            'category spans must be in strictly increasing date order',
            ['categories', j, 'from'],
            'unordered',
          );
        } else {
          previous = span.from;
        }
      });
    }
    m.dualRegistrations?.forEach((r, j) => {
      if (!isLocalDate(r.from) || (r.to !== undefined && (!isLocalDate(r.to) || r.to < r.from))) {
        bad(
          m,
          i,
          '双报到日期无效',
          'a dual registration has invalid dates',
          ['dualRegistrations', j],
          'invalid_registration',
        );
      }
    });
  });
  if (issues.length > 0) return fail(issues);
  return ok(Object.freeze({ members, indexOf }));
}

/**
 * The category in force on a date, or undefined before the first span.
 *
 * @example
 * categoryOn(member, '2025-07-01') // 'mobile' when the member moved away on 2025-06-15
 */
export function categoryOn(member: ScoredMember, date: string): string | undefined {
  return spanOn(member.categories, date)?.category;
}

export function spanOn(spans: readonly CategorySpan[], date: string): CategorySpan | undefined {
  let found: CategorySpan | undefined;
  for (const span of spans) {
    if (span.from > date) break;
    found = span;
  }
  return found;
}

/**
 * The community an in-service member is registered at on a date (双报到), if any.
 *
 * @example
 * registeredCommunityOn(member, '2025-03-10') // 'hanjianglu'
 */
export function registeredCommunityOn(member: PartyMember, date: string): string | undefined {
  const r: DualRegistration | undefined = member.dualRegistrations?.find(
    (d) => d.from <= date && (d.to === undefined || date <= d.to),
  );
  return r?.community;
}
