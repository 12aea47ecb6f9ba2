import {
  type MemberDirectory,
  type OrgLifeCompliance,
  orgLifeCompliance,
  type PointFact,
  type SecretaryRecordLine,
  secretaryRecord,
  subtree,
} from '@jiceng/domain';
import {
  OrgLifeRepository,
  PointsMemberRepository,
  type StoredMember,
  type StoredOrgLifeMeeting,
} from '@jiceng/persistence';
import { allows, authoriseNode } from '../../auth/authorise.js';
import { treeOf } from '../../auth/scope.js';
import { badInput, persist } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { InputIssues } from '../inputs.js';
import { scopeFilter } from '../points/access.js';
import { rulesFor } from '../rules.js';
import { DEFAULT_PROFILE, groupsOf } from './meetings.js';

/**
 * Reads of organisational life 组织生活 under the policy's `orglife.read`: the meetings of the
 * branches under a node, each branch's compliance with the profile's cadence over a range, and
 * the secretary's record 书记抓党建纪实 of one branch. A node of the party tree reaches the branches
 * below it; one of the administrative tree the branches of the members who live there.
 */

export interface OrgLifeRange {
  /** A node within the caller's scope (default: the scope itself). */
  readonly scope?: string | null;
  readonly from: string;
  /** Default: today. */
  readonly to?: string | null;
}

/** The branches under a node the caller may read, and their members. */
async function branchesUnder(
  ctx: UseCaseContext,
  scope: string,
): Promise<{ branches: string[]; members: Map<string, StoredMember[]> }> {
  const filter = scopeFilter(ctx, scope, 'orglife.read');
  const list = await persist(() => new PointsMemberRepository(ctx.em).list(filter));
  const members = new Map<string, StoredMember[]>();
  for (const m of list) members.set(m.branch, [...(members.get(m.branch) ?? []), m]);
  const tree = treeOf(ctx.services, scope);
  const nodes = tree?.kind === 'party' ? subtree(tree, scope).map((n) => n.code) : [];
  const branches = [...new Set([...members.keys(), ...nodes])]
    .filter((b) => allows(ctx, 'orglife.read', { kind: 'node', code: b }) || members.has(b))
    .sort();
  return { branches, members };
}

function range(ctx: UseCaseContext, command: OrgLifeRange): { from: string; to: string } {
  const check = new InputIssues();
  const from = check.date(command.from, ['from']);
  const to = command.to ? check.date(command.to, ['to']) : today(ctx);
  check.check();
  return { from: from!, to: to! };
}

/** The meetings of the branches under a node, held in a range, oldest first. */
export async function orgLifeMeetings(
  ctx: UseCaseContext,
  command: OrgLifeRange & { readonly withWithdrawn?: boolean | null },
): Promise<StoredOrgLifeMeeting[]> {
  const scope = command.scope ?? ctx.principal.scope;
  const { from, to } = range(ctx, command);
  const { branches } = await branchesUnder(ctx, scope);
  return persist(() =>
    new OrgLifeRepository(ctx.em).list({ branches, from, to, withWithdrawn: command.withWithdrawn === true }),
  );
}

/** One stored meeting the caller may read; `undefined` when missing or out of scope. */
export async function orgLifeMeeting(
  ctx: UseCaseContext,
  id: string,
): Promise<StoredOrgLifeMeeting | undefined> {
  const stored = await persist(() => new OrgLifeRepository(ctx.em).find(id));
  if (stored === undefined) return undefined;
  return allows(ctx, 'orglife.read', { kind: 'node', code: stored.meeting.branch }) ? stored : undefined;
}

/** Each branch's compliance 落实情况 under a node over a range, by the profile's cadence. */
export async function orgLifeComplianceOf(
  ctx: UseCaseContext,
  command: OrgLifeRange,
): Promise<OrgLifeCompliance[]> {
  const scope = command.scope ?? ctx.principal.scope;
  authoriseNode(ctx, 'orglife.read', scope);
  const { from, to } = range(ctx, command);
  const { branches, members } = await branchesUnder(ctx, scope);
  const meetings = await persist(() => new OrgLifeRepository(ctx.em).list({ branches, from, to }));
  const tree = ctx.services.orgTree('party');
  const out: OrgLifeCompliance[] = [];
  for (const branch of branches) {
    const profileId = members.get(branch)?.[0]?.profileId ?? DEFAULT_PROFILE;
    const rules = rulesFor(ctx, profileId, to).orgLife;
    const report = orgLifeCompliance(
      {
        branch,
        groups: tree !== undefined && treeOf(ctx.services, branch) === tree ? groupsOf(tree, branch) : [],
        meetings: meetings.filter((m) => m.meeting.branch === branch).map((m) => m.meeting),
        from,
        to,
        today: today(ctx),
      },
      rules,
    );
    if (!report.ok) throw badInput(report.issues);
    // A branch with no members and no meetings (a party group, a committee) has nothing to hold.
    if (!members.has(branch) && report.value.meetings === 0) continue;
    out.push(report.value);
  }
  return out;
}

/** The secretary's record 书记抓党建纪实 of one branch over a range. */
export async function secretaryRecordOf(
  ctx: UseCaseContext,
  command: { readonly branch: string; readonly from: string; readonly to?: string | null },
): Promise<{ compliance: OrgLifeCompliance; lines: SecretaryRecordLine[] }> {
  const { tree } = authoriseNode(ctx, 'orglife.read', command.branch);
  const { from, to } = range(ctx, command);
  const members = await persist(() =>
    new PointsMemberRepository(ctx.em).list({ branches: [command.branch] }),
  );
  const meetings = await persist(() =>
    new OrgLifeRepository(ctx.em).list({ branches: [command.branch], from, to }),
  );
  const rules = rulesFor(ctx, members[0]?.profileId ?? DEFAULT_PROFILE, to).orgLife;
  const report = orgLifeCompliance(
    {
      branch: command.branch,
      groups: tree.kind === 'party' ? groupsOf(tree, command.branch) : [],
      meetings: meetings.map((m) => m.meeting),
      from,
      to,
      today: today(ctx),
    },
    rules,
  );
  if (!report.ok) throw badInput(report.issues);
  return {
    compliance: report.value,
    lines: secretaryRecord(
      report.value,
      meetings.map((m) => m.meeting),
      rules,
    ),
  };
}

/**
 * The year's meetings of the members' branches as facts for a what-if (`whatIf(…, { facts })`), so
 * a draft's fact rules are scored too. The caller has authorised the scope the members come from.
 */
export async function orgLifeFactsOf(
  ctx: UseCaseContext,
  members: MemberDirectory,
  year: number,
): Promise<PointFact[]> {
  const branches = [...new Set(members.members.map((m) => m.branch))];
  const meetings = await persist(() =>
    new OrgLifeRepository(ctx.em).list({ branches, from: `${year}-01-01`, to: `${year}-12-31` }),
  );
  return meetings.map(({ meeting: m }) => ({
    kind: 'org_life',
    id: m.id,
    date: m.heldOn,
    subtype: m.kind,
    participants: m.attendance.map((a) => ({ member: a.member, outcome: a.status })),
  }));
}
