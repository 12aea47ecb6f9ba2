import {
  createMemberDirectory,
  derivePoints,
  localDateOf,
  type PointFact,
  type ResidentRequest,
  reconcilePoints,
} from '@jiceng/domain';
import {
  type EntryInput,
  GridRepository,
  type PointsLedgerRepository,
  PointsMemberRepository,
  type StoredMember,
} from '@jiceng/persistence';
import { badInput } from '../../kernel/errors.js';
import { today } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { rulesLookup } from '../points/access.js';
import { ledgerOf } from '../points/entries.js';

/**
 * Points from a resident request 民情直通车 resolved by a party member: the profile's fact rules
 * (`resident_request`, by request type) turn the resolution into a system entry for the member
 * who resolved it (a member acting themselves, or a grid worker who is one); reopening the request
 * reverses it, and resolving it again records it anew. Decided here, written with the request's
 * step in one transaction.
 */

/** The member behind an actor id: a member's own code, or a grid worker's party member record. */
async function memberOfActor(ctx: UseCaseContext, id: string): Promise<StoredMember | undefined> {
  const members = new PointsMemberRepository(ctx.em);
  const [direct] = await members.findByCodes([id]);
  if (direct !== undefined) return direct;
  const [worker] = await new GridRepository(ctx.em).workersByIds([id]);
  if (worker?.partyMemberId === null || worker?.partyMemberId === undefined) return undefined;
  return (await members.findByCodes([worker.partyMemberId]))[0];
}

/**
 * The ledger inputs a step on a request gives: none unless the request is or was resolved by a
 * party member. The resolution's day is the China calendar day of the resolve event.
 */
export async function requestPoints(
  ctx: UseCaseContext,
  next: ResidentRequest,
  profileId: string,
): Promise<{ readonly inputs: readonly EntryInput[]; readonly ledger: PointsLedgerRepository } | undefined> {
  const ledger = ledgerOf(ctx);
  const sources = [{ kind: 'resident_request' as const, id: next.id }];
  const linked = (await ledger.linkedTo(sources)).map((r) => r.record);
  const resolved = next.status === 'resolved' || next.status === 'closed';
  const event = resolved ? next.events.findLast((e) => e.action === 'resolve') : undefined;
  const member = event === undefined ? undefined : await memberOfActor(ctx, event.actor.id);
  if (member === undefined && linked.length === 0) return undefined;
  const facts: PointFact[] =
    member === undefined || event === undefined
      ? []
      : [
          {
            kind: 'resident_request',
            id: next.id,
            date: localDateOf(event.at),
            subtype: next.type,
            participants: [{ member: member.code, outcome: 'resolved' }],
          },
        ];
  const history = rulesLookup(ctx)(member?.profileId ?? profileId);
  if (history === undefined) return undefined;
  const directory = createMemberDirectory(member === undefined ? [] : [member]);
  if (!directory.ok) throw badInput(directory.issues);
  const { inputs } = reconcilePoints(
    linked,
    derivePoints(facts, { rules: history, members: directory.value }),
    sources,
    {
      rules: history,
      on: today(ctx),
    },
  );
  return inputs.length === 0 ? undefined : { inputs, ledger };
}
