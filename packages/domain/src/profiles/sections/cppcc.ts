import { z } from 'zod';
import {
  CONSULTATION_ROLES,
  CPPCC_POSTS,
  DEADLINE_UNITS,
  DUTY_RECORDERS,
  PROPOSAL_PUBLIC_FIELDS,
  PROPOSAL_ROLES,
  PROPOSER_KINDS,
  REPLY_CATEGORIES,
  SATISFACTION_LEVELS,
  TIE_BREAKERS,
  VILLAGE_PARTICIPANT_KINDS,
} from '../vocabulary.js';
import { codeSchema, kindSchema, nonNegative, positiveInt, share, uniqueCodes } from './common.js';
import { pointItemSchemaFor } from './points.js';

/** The county CPPCC 县政协: proposals 提案, members' duty 履职 and village consultations 村事民定. */

const deadlineSchema = z
  .strictObject({
    unit: z
      .enum(DEADLINE_UNITS)
      .describe(
        'Calendar months or days from the start, moved to the next working day when the last falls on a day off (遇节假日顺延); or working days.',
      ),
    count: positiveInt,
  })
  .describe('A deadline counted from the day its clock starts.');

const rolesSchema = z.array(z.enum(PROPOSAL_ROLES)).min(1);

/** Which duty item a derived record counts as, or null to derive none. */
const derivedItem = z.union([codeSchema, z.null()]);

const attendanceItems = z
  .strictObject({
    attended: derivedItem,
    on_leave: derivedItem,
    absent: derivedItem,
  })
  .describe('The duty item each presence at the meeting counts as (null: none).');

export const dutyItemSchema = pointItemSchemaFor(DUTY_RECORDERS);

export const cppccSchema = z
  .strictObject({
    sectors: z
      .array(kindSchema)
      .min(1)
      .describe(
        'Sectors 界别 of the county CPPCC. Duty items apply to sectors as point items apply to member categories.',
      ),
    specialCommittees: z
      .array(kindSchema)
      .describe('Special committees 专门委员会, which may put proposals as a body.'),
    proposals: z
      .strictObject({
        proposerKinds: z
          .array(z.enum(PROPOSER_KINDS))
          .min(1)
          .describe(
            'Who may put a proposal: a member, members jointly 联名, a sector, a special committee, a liaison group.',
          ),
        jointMembers: z
          .strictObject({ min: z.number().int().min(2), max: positiveInt })
          .describe('Members signing a joint proposal, the lead proposer 领衔人 included.'),
        submissionWindow: z
          .strictObject({
            opensDaysBeforeOpening: z
              .number()
              .int()
              .min(0)
              .describe('Days before the plenary meeting opens that proposals are first accepted.'),
            closesDaysAfterClosing: z
              .number()
              .int()
              .min(0)
              .describe('Days after the plenary meeting closes that proposals are still accepted.'),
          })
          .describe('The submission window of a plenary meeting 全体会议.'),
        text: z
          .strictObject({
            titleMax: positiveInt.describe('Most characters in a title.'),
            bodyMax: positiveInt.describe('Most characters in the reasons 案由 or the suggestions 建议.'),
          })
          .describe('Text limits of a proposal.'),
        subjectAreas: z
          .array(kindSchema)
          .min(1)
          .describe('Subject areas 提案类别 a proposal is filed under.'),
        maxCoUnits: z.number().int().min(0).describe('Most co-units 协办单位 beside the lead unit 主办单位.'),
        deadlines: z
          .strictObject({
            lead: deadlineSchema.describe('The lead unit’s reply 答复, from assignment 交办.'),
            coUnit: deadlineSchema.describe(
              'A co-unit’s opinion 协办意见 to the lead unit, from assignment.',
            ),
            secondHandling: deadlineSchema.describe(
              'The second reply after the proposer was not satisfied, from the rating.',
            ),
          })
          .describe('Handling deadlines 办理时限.'),
        reassignment: z
          .strictObject({
            maxRequestsPerUnit: positiveInt.describe(
              'How often one unit may ask to be relieved of a proposal.',
            ),
            withinWorkingDays: positiveInt.describe(
              'Working days after assignment within which a unit may ask.',
            ),
            restartDeadline: z
              .boolean()
              .describe(
                'Whether the unit that takes a proposal over gets a full deadline from the decision.',
              ),
          })
          .describe('Reassignment 调整交办 at a unit’s request, with a reason.'),
        requireReasonWhenNotFiled: z
          .boolean()
          .describe('Whether not filing (转为意见建议, 不予立案) must give the proposer a reason.'),
        satisfaction: z
          .strictObject({
            rateWithinWorkingDays: positiveInt.describe(
              'Working days after a reply within which the proposer rates it; after that it may be closed unrated.',
            ),
            requireReasonWhenNotSatisfied: z.boolean(),
            counted: z
              .array(z.enum(SATISFACTION_LEVELS))
              .min(1)
              .describe('Ratings that count as satisfied in the satisfaction rate 满意率.'),
          })
          .describe('The proposer’s opinion of a reply 征询意见.'),
        secondHandlingRounds: z
          .number()
          .int()
          .min(0)
          .describe('How often a reply the proposer is not satisfied with goes back for handling 再次办理.'),
        keyProposals: z
          .strictObject({
            maxPerMeeting: positiveInt.describe('Most key proposals 重点提案 per plenary meeting.'),
            supervisorPosts: z
              .array(z.enum(CPPCC_POSTS))
              .min(1)
              .describe('Posts whose holder may follow a key proposal 领衔督办.'),
            minSupervisionRecords: z
              .number()
              .int()
              .min(0)
              .describe('Supervision records 督办记录 a key proposal should have before it is closed.'),
          })
          .describe('Key proposals followed by a chair 主席领衔督办.'),
        adoptedCategories: z
          .array(z.enum(REPLY_CATEGORIES))
          .describe('Reply categories that count as adopted in the adoption rate 采纳率.'),
        roles: z
          .strictObject({
            submit: rolesSchema,
            review: rolesSchema,
            assign: rolesSchema,
            decide_reassignment: rolesSchema,
            designate_key: rolesSchema,
            rate: rolesSchema,
            close_unrated: rolesSchema,
          })
          .describe(
            'Which roles may perform each act. A proposer role (member, sector, special committee, liaison group) acts only for its own proposals.',
          ),
        publicFields: z
          .array(z.enum(PROPOSAL_PUBLIC_FIELDS))
          .describe('What the public disclosure of filed proposals shows; proposers’ names never.'),
      })
      .describe('Proposals 提案.'),
    duty: z
      .strictObject({
        baseScore: nonNegative.describe('Base score every member starts the year with.'),
        items: z
          .array(dutyItemSchema)
          .min(1)
          .describe('Duty items 履职项目, scored like point items; their categories are sector codes.'),
        minimumScore: z
          .number()
          .describe(
            'Members whose year total is below this are flagged for the year-end duty review 履职考核.',
          ),
        tieBreakers: z.array(z.enum(TIE_BREAKERS)).describe('Ranking tie breakers within a sector.'),
        derived: z
          .strictObject({
            proposalLead: derivedItem.describe('A filed proposal, for its lead proposer.'),
            proposalJoint: derivedItem.describe('A filed proposal, for each joint proposer but the lead.'),
            mergedCountAsFiled: z
              .boolean()
              .describe(
                'Whether a proposal merged into another 并案 counts for its proposers as a filed one.',
              ),
            plenary: attendanceItems.describe('Presence at a plenary meeting 全体会议.'),
            standing: attendanceItems.describe('Presence at a standing-committee meeting 常委会议.'),
            consultationMeeting: derivedItem.describe(
              'Attending a township consultation meeting of a liaison group.',
            ),
            villageConsultation: derivedItem.describe('Taking part in a village consultation 村事民定.'),
          })
          .describe('Duty items recorded by the system from proposals, roll calls and consultations.'),
      })
      .describe('Members’ duty 委员履职: an annual score per member, scored by the points engine.'),
    village: z
      .strictObject({
        participantKinds: z
          .array(z.enum(VILLAGE_PARTICIPANT_KINDS))
          .min(1)
          .describe('Who may take part in a village consultation.'),
        requiredKinds: z
          .array(z.enum(VILLAGE_PARTICIPANT_KINDS))
          .describe('Kinds of participant every village consultation must have.'),
        minParticipants: positiveInt,
        minRepresentativeShare: share.describe("Smallest share of villagers' representatives 村民代表."),
        quorumShare: share.describe('Smallest share of participants that must attend the meeting.'),
        passShare: share.describe('An agreement needs more than this share of those attending.'),
        roles: z
          .strictObject({
            start: z.array(z.enum(CONSULTATION_ROLES)).min(1),
            hold_meeting: z.array(z.enum(CONSULTATION_ROLES)).min(1),
          })
          .describe(
            'Who may open a village consultation and record its meeting; filing follows consultation.stages.roles.file_minutes.',
          ),
      })
      .describe(
        'Village consultations 村事民定; their minutes are filed with the township (consultation.filing).',
      ),
  })
  .superRefine((c, ctx) => {
    uniqueCodes(c.sectors, ['sectors'], ctx);
    uniqueCodes(c.specialCommittees, ['specialCommittees'], ctx);
    uniqueCodes(c.proposals.subjectAreas, ['proposals', 'subjectAreas'], ctx);
    uniqueCodes(c.duty.items, ['duty', 'items'], ctx);
    const { min, max } = c.proposals.jointMembers;
    if (min > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['proposals', 'jointMembers'],
        message: `min (${min}) exceeds max (${max})`,
        params: { rule: 'range_order', zh: `最小值（${min}）大于最大值（${max}）` },
      });
    }
    const sectors = new Set(c.sectors.map((s) => s.code));
    c.duty.items.forEach((item, i) => {
      if (item.categories === 'all') return;
      item.categories.forEach((code, j) => {
        if (!sectors.has(code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['duty', 'items', i, 'categories', j],
            message: `unknown sector "${code}"`,
            params: { rule: 'unknown_category', zh: `未定义的界别“${code}”` },
          });
        }
      });
    });
    const items = new Map(c.duty.items.map((i) => [i.code, i]));
    const d = c.duty.derived;
    const derived: [string[], string | null][] = [
      [['proposalLead'], d.proposalLead],
      [['proposalJoint'], d.proposalJoint],
      [['consultationMeeting'], d.consultationMeeting],
      [['villageConsultation'], d.villageConsultation],
      ...(['plenary', 'standing'] as const).flatMap((m) =>
        (['attended', 'on_leave', 'absent'] as const).map((s): [string[], string | null] => [
          [m, s],
          d[m][s],
        ]),
      ),
    ];
    for (const [path, code] of derived) {
      if (code === null) continue;
      const item = items.get(code);
      if (item === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['duty', 'derived', ...path],
          message: `unknown duty item "${code}"`,
          params: { rule: 'unknown_category', zh: `未定义的履职项目“${code}”` },
        });
      } else if (!item.recordedBy.includes('system')) {
        ctx.addIssue({
          code: 'custom',
          path: ['duty', 'derived', ...path],
          message: `duty item "${code}" is derived by the system, so its recordedBy must include "system"`,
          params: {
            rule: 'derived_recorder',
            zh: `履职项目“${code}”由系统自动生成，recordedBy 须包含 system`,
          },
        });
      }
    }
    const allowed = new Set(c.village.participantKinds);
    c.village.requiredKinds.forEach((kind, i) => {
      if (!allowed.has(kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['village', 'requiredKinds', i],
          message: `required kind "${kind}" is not among the participant kinds`,
          params: { rule: 'impossible', zh: `必须参加的“${kind}”不在可参加人员类别之内` },
        });
      }
    });
  })
  .describe('The county CPPCC 县政协: proposals, members’ duty and village consultations.');
