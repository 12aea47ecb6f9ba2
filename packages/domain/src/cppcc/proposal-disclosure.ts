import { maskPersonalDataInText as published } from '../personal/free-text.js';
import type { CppccRules } from '../profiles/schema.js';
import type {
  ProposalPublicField,
  ProposerKind,
  ReplyCategory,
  SatisfactionLevel,
} from '../profiles/vocabulary.js';
import type { LocalDate } from '../shared/dates.js';
import type { LocalizedText } from '../shared/errors.js';
import { unreachable } from '../shared/result.js';
import { proposalNumberLabel } from './committee.js';
import {
  PROPOSAL_STATUS_LABELS,
  PROPOSER_KIND_LABELS,
  REPLY_CATEGORY_LABELS,
  SATISFACTION_LABELS,
} from './labels.js';
import type { CppccCommittee, Proposal, ProposalBook } from './types.js';

/**
 * The public disclosure of filed proposals and their replies 提案及办理情况公开. It holds the parts the
 * profile lists in `proposals.publicFields` and no personal data at all: no proposer's name or id
 * (a member's proposal shows as a member's or a joint proposal with the number of signers; a body
 * shows its name), no actor of any step, no reason a proposer gave for a rating. Free text (title,
 * reasons, suggestions, replies) is published with any mobile or resident identity number masked.
 * Proposals not filed, merged or still under review are not disclosed.
 */

export interface DisclosedReply {
  readonly round: number;
  readonly category: ReplyCategory;
  readonly categoryName: LocalizedText;
  readonly text: string;
  readonly on: LocalDate;
  readonly late: boolean;
}

export interface DisclosedRating {
  readonly round: number;
  readonly level: SatisfactionLevel;
  readonly levelName: LocalizedText;
}

/** One filed proposal as the public sees it; a part is present exactly when the profile lists it. */
export interface DisclosedProposal {
  readonly status: LocalizedText;
  readonly filedOn: LocalDate;
  readonly number?: number;
  /** 十届三次会议第123号. */
  readonly citation?: LocalizedText;
  readonly title?: string;
  readonly subjectArea?: { readonly code: string; readonly name: LocalizedText };
  /** The kind of proposer, and for members how many signed; never who. */
  readonly proposerKind?: {
    readonly kind: ProposerKind;
    readonly name: LocalizedText;
    readonly signers: number;
  };
  /** The sector, special committee or liaison group that put it; null for members' proposals. */
  readonly proposerBody?: LocalizedText | null;
  readonly reasons?: string;
  readonly suggestions?: string;
  readonly units?: { readonly lead: string | null; readonly coUnits: readonly string[] };
  readonly replies?: readonly DisclosedReply[];
  readonly satisfaction?: readonly DisclosedRating[];
  readonly keyProposal?: { readonly key: boolean; readonly supervisionRecords: number };
  /** Ids of proposals merged into this one are internal; only how many. */
  readonly mergedProposals?: number;
}

function bodyName(proposal: Proposal, rules: CppccRules, committee: CppccCommittee): LocalizedText | null {
  const p = proposal.proposer;
  switch (p.kind) {
    case 'member':
    case 'joint':
      return null;
    case 'sector':
      return rules.sectors.find((s) => s.code === p.sector)?.name ?? { zh: p.sector, en: p.sector };
    case 'special_committee':
      return (
        rules.specialCommittees.find((c) => c.code === p.committee)?.name ?? {
          zh: p.committee,
          en: p.committee,
        }
      );
    case 'liaison_group': {
      const name = committee.townships.find((t) => t.code === p.township)?.name ?? p.township;
      return { zh: `${name}政协联络组`, en: `CPPCC liaison group of ${name}` };
    }
    default:
      return unreachable(p, 'proposer');
  }
}

function signers(proposal: Proposal): number {
  const p = proposal.proposer;
  return p.kind === 'member' ? 1 : p.kind === 'joint' ? p.members.length : 0;
}

/**
 * The filed proposals of a plenary meeting as the public sees them, in number order.
 *
 * @example
 * const shown = publicProposals(book, { rules: referenceProfile.cppcc, committee });
 * shown[0]?.citation; // { zh: '十届三次会议第1号', … }
 * JSON.stringify(shown).includes('M001'); // false: no member appears
 */
export function publicProposals(
  book: ProposalBook,
  context: { readonly rules: CppccRules; readonly committee: CppccCommittee },
): DisclosedProposal[] {
  const { rules, committee } = context;
  const fields = new Set<ProposalPublicField>(rules.proposals.publicFields);
  return book.proposals
    .filter((p) => p.review?.decision === 'filed' && p.number !== null)
    .sort((a, b) => a.number! - b.number!)
    .map((p) => {
      const area = rules.proposals.subjectAreas.find((a) => a.code === p.subjectArea);
      const lead = p.units.find((u) => u.role === 'lead');
      return {
        status: PROPOSAL_STATUS_LABELS[p.status],
        filedOn: p.review!.on,
        ...(fields.has('number')
          ? {
              number: p.number!,
              citation: proposalNumberLabel(book.meeting, p.number!),
              mergedProposals: p.mergedFrom.length,
            }
          : {}),
        ...(fields.has('title') ? { title: published(p.title) } : {}),
        ...(fields.has('subject_area')
          ? {
              subjectArea: {
                code: p.subjectArea,
                name: area?.name ?? { zh: p.subjectArea, en: p.subjectArea },
              },
            }
          : {}),
        ...(fields.has('proposer_kind')
          ? {
              proposerKind: {
                kind: p.proposer.kind,
                name: PROPOSER_KIND_LABELS[p.proposer.kind],
                signers: signers(p),
              },
            }
          : {}),
        ...(fields.has('proposer_body') ? { proposerBody: bodyName(p, rules, committee) } : {}),
        ...(fields.has('reasons') ? { reasons: published(p.reasons) } : {}),
        ...(fields.has('suggestions') ? { suggestions: published(p.suggestions) } : {}),
        ...(fields.has('units')
          ? {
              units: {
                lead: lead?.unit ?? null,
                coUnits: p.units.filter((u) => u.role === 'co').map((u) => u.unit),
              },
            }
          : {}),
        ...(fields.has('replies')
          ? {
              replies: p.rounds.flatMap((r) =>
                r.reply === null
                  ? []
                  : [
                      {
                        round: r.round,
                        category: r.reply.category,
                        categoryName: REPLY_CATEGORY_LABELS[r.reply.category],
                        text: published(r.reply.text),
                        on: r.reply.on,
                        late: r.reply.late,
                      },
                    ],
              ),
            }
          : {}),
        ...(fields.has('satisfaction')
          ? {
              satisfaction: p.rounds.flatMap((r) =>
                r.rating === null
                  ? []
                  : [
                      {
                        round: r.round,
                        level: r.rating.level,
                        levelName: SATISFACTION_LABELS[r.rating.level],
                      },
                    ],
              ),
            }
          : {}),
        ...(fields.has('key_proposal')
          ? { keyProposal: { key: p.key !== null, supervisionRecords: p.supervision.length } }
          : {}),
      };
    });
}
