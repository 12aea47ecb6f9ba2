/**
 * Properties of the proposal state machine: whatever sequence of acts, roles and dates is tried,
 * every accepted act follows the transitions table, a refused act changes nothing, filing numbers
 * run 1, 2, 3… per meeting, a unit asks to be relieved at most as often as the profile allows, a
 * reply goes back for a second handling at most once, and the key proposals stay within the limit.
 * The oracle reads the book itself, not the functions under test.
 */
import {
  applyProposalCommand,
  fromDayNumber,
  type LocalDate,
  PROPOSAL_TRANSITIONS,
  type ProposalActor,
  type ProposalBook,
  type ProposalCommand,
  toDayNumber,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { as, context, d, draft, empty, rules, run } from './fixtures.js';

const IDS = ['A', 'B', 'C', 'D'] as const;
const UNITS = ['u1', 'u2', 'u3', 'u4'] as const;
const MEMBERS = ['M07', 'M08', 'M09'] as const;

/** Four proposals submitted in the window; everything after is generated. */
const start: ProposalBook = run(
  empty,
  IDS.map((id, i) => [
    {
      type: 'submit',
      draft: draft(
        id,
        i === 3 ? { kind: 'joint', members: ['M08', 'M09'] } : { kind: 'member', member: MEMBERS[i % 3]! },
      ),
    },
    as.office,
    '2025-01-10',
  ]),
);

const id = fc.constantFrom(...IDS);
const unit = fc.constantFrom(...UNITS);

const command: fc.Arbitrary<ProposalCommand> = fc.oneof(
  id.map((proposal): ProposalCommand => ({ type: 'file', proposal })),
  fc.record({ proposal: id, reason: fc.constantFrom('', '转交有关部门') }).map(
    ({ proposal, reason }): ProposalCommand => ({
      type: 'not_file',
      proposal,
      outcome: 'rejected',
      reason,
    }),
  ),
  fc
    .record({ proposal: id, into: id })
    .map(({ proposal, into }): ProposalCommand => ({ type: 'merge', proposal, into })),
  fc
    .record({ proposal: id, lead: unit, coUnits: fc.subarray([...UNITS], { maxLength: 2 }) })
    .map((c): ProposalCommand => ({ type: 'assign', ...c })),
  id.map((proposal): ProposalCommand => ({ type: 'request_reassignment', proposal, reason: '非本单位职能' })),
  fc
    .record({ proposal: id, approve: fc.boolean(), to: unit })
    .map(
      ({ proposal, approve, to }): ProposalCommand =>
        approve
          ? { type: 'decide_reassignment', proposal, decision: 'approve', to }
          : { type: 'decide_reassignment', proposal, decision: 'refuse', reason: '继续办理' },
    ),
  id.map((proposal): ProposalCommand => ({ type: 'co_opinion', proposal, text: '协办意见' })),
  // Replies and ratings weigh more, so sequences reach the second handling and the close.
  {
    arbitrary: fc
      .record({
        proposal: id,
        category: fc.constantFrom('resolved', 'being_resolved', 'planned', 'for_reference'),
      })
      .map(
        ({ proposal, category }): ProposalCommand => ({ type: 'reply', proposal, category, text: '答复' }),
      ),
    weight: 3,
  },
  {
    arbitrary: fc
      .record({
        proposal: id,
        level: fc.constantFrom('satisfied', 'basically_satisfied', 'not_satisfied', 'not_satisfied'),
      })
      .map(({ proposal, level }): ProposalCommand => ({ type: 'rate', proposal, level, reason: '理由' })),
    weight: 3,
  },
  id.map((proposal): ProposalCommand => ({ type: 'close_unrated', proposal })),
  fc
    .record({ proposal: id, supervisor: fc.constantFrom('M01', 'M02', 'M04') })
    .map((c): ProposalCommand => ({ type: 'designate_key', ...c })),
  id.map((proposal): ProposalCommand => ({ type: 'supervise', proposal, summary: '督办' })),
);

const actor: fc.Arbitrary<ProposalActor> = fc.oneof(
  fc.constant(as.committee),
  fc.constant(as.office),
  fc.constant(as.chairs),
  fc.constantFrom(...MEMBERS).map(as.member),
  unit.map(as.unit),
  fc.constantFrom('M01', 'M02').map(as.chair),
);

/**
 * Steps a few days apart, sometimes backwards. Most take the actor the act belongs to (read off the
 * book, so that sequences get deep into the handling); the rest a random one, so refusals are tried.
 */
const step = fc.record({
  command,
  random: actor,
  fitting: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  days: fc.integer({ min: -3, max: 25 }),
});

function fittingActor(book: ProposalBook, c: ProposalCommand, random: ProposalActor): ProposalActor {
  if (c.type === 'submit') return as.office;
  const p = book.proposals.find((x) => x.id === c.proposal);
  const unitOf = (role: 'lead' | 'co') => p?.units.find((u) => u.role === role)?.unit;
  switch (c.type) {
    case 'file':
    case 'not_file':
    case 'merge':
    case 'assign':
    case 'decide_reassignment':
      return as.committee;
    case 'designate_key':
      return as.chairs;
    case 'rate':
    case 'close_unrated':
      return as.office;
    case 'reply':
      return as.unit(unitOf('lead') ?? 'u1');
    case 'co_opinion':
      return as.unit(unitOf('co') ?? 'u1');
    case 'request_reassignment':
      return as.unit((random.role === 'unit' ? undefined : unitOf('co')) ?? unitOf('lead') ?? 'u1');
    case 'supervise':
      return as.chair(p?.key?.supervisor ?? 'M01');
    default:
      return random;
  }
}

function dayAfter(date: LocalDate, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

const ALLOWED = new Map(PROPOSAL_TRANSITIONS.map((t) => [t.action, t]));

describe('the proposal state machine', () => {
  it('moves only along the transitions table, and a refused act changes nothing', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(step, { minLength: 30, maxLength: 60 }), (steps) => {
        let book = start;
        let on = d('2025-01-20');
        for (const { command: c, random, fitting, days } of steps) {
          const by = fitting ? fittingActor(book, c, random) : random;
          const date = dayAfter(on, days);
          const before = book;
          const r = applyProposalCommand(book, c, context(by, date));
          if (!r.ok) {
            expect(r.issues.length).toBeGreaterThan(0);
            expect(book).toBe(before);
            continue;
          }
          on = d(date);
          book = r.value;
          if (c.type === 'submit') continue;
          const t = ALLOWED.get(c.type)!;
          const was = before.proposals.find((p) => p.id === c.proposal)!;
          const now = book.proposals.find((p) => p.id === c.proposal)!;
          expect(t.from).toContain(was.status);
          if (t.to === 'same') expect(now.status).toBe(was.status);
          else expect(t.to).toContain(now.status);
          // Only the proposal acted on (and a merge target) changes; the others keep their identity.
          book.proposals.forEach((p, i) => {
            if (p.id !== c.proposal && !(c.type === 'merge' && p.id === c.into))
              expect(p).toBe(before.proposals[i]);
          });
          expect(now.events.length).toBeGreaterThan(was.events.length);
          reached.add(now.status);
        }
        return true;
      }),
      { numRuns: 200 },
    );
    // The generated acts reach every status, so the properties are tested where they matter.
    expect([...reached].sort()).toEqual(
      ['assigned', 'closed', 'filed', 'merged', 'not_filed', 'replied', 'second_handling'].sort(),
    );
  });

  it('keeps numbers, reassignments, handling rounds, key proposals and dates within the rules', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 30, maxLength: 80 }), (steps) => {
        let book = start;
        let on = d('2025-01-20');
        for (const { command: c, random, fitting, days } of steps) {
          const by = fitting ? fittingActor(book, c, random) : random;
          const date = dayAfter(on, days);
          const r = applyProposalCommand(book, c, context(by, date));
          if (r.ok) {
            book = r.value;
            on = d(date);
          }
        }
        const numbers = book.proposals
          .filter((p) => p.number !== null)
          .sort(
            (a, b) =>
              a.events.findIndex((e) => e.type === 'filed') - b.events.findIndex((e) => e.type === 'filed'),
          )
          .map((p) => p.number!)
          .sort((a, b) => a - b);
        expect(numbers).toEqual(numbers.map((_, i) => i + 1));
        expect(book.lastNumber).toBe(numbers.length);
        for (const p of book.proposals) {
          for (const u of UNITS) {
            expect(p.reassignments.filter((x) => x.unit === u).length).toBeLessThanOrEqual(
              rules.proposals.reassignment.maxRequestsPerUnit,
            );
          }
          expect(p.reassignments.filter((x) => x.decision === null).length).toBeLessThanOrEqual(1);
          expect(p.rounds.length).toBeLessThanOrEqual(rules.proposals.secondHandlingRounds + 1);
          expect(p.units.filter((u) => u.role === 'lead').length).toBeLessThanOrEqual(1);
          expect(new Set(p.units.map((u) => u.unit)).size).toBe(p.units.length);
          const dates = p.events.map((e) => e.on);
          expect(dates).toEqual([...dates].sort());
          if (p.status === 'merged') {
            const into = book.proposals.find(
              (x) => p.review?.decision === 'merged' && x.id === p.review.into,
            );
            expect(into?.mergedFrom).toContain(p.id);
            expect(into?.number).not.toBeNull();
          }
          if (p.status === 'closed') expect(p.rounds.at(-1)?.reply).not.toBeNull();
          if (p.key !== null) expect(['M01', 'M02']).toContain(p.key.supervisor);
        }
        expect(book.proposals.filter((p) => p.key !== null).length).toBeLessThanOrEqual(
          rules.proposals.keyProposals.maxPerMeeting,
        );
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
