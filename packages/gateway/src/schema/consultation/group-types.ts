import {
  type Candidate,
  type GroupComposition as DomainComposition,
  describeExclusion,
  describeSelection,
  type GroupProposal,
  PARTICIPANT_CATEGORY_LABELS,
} from '@jiceng/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { CandidateKindEnum, ParticipantCategoryEnum } from './enums.js';

/**
 * GraphQL types of a consultation group 协商小组: its members, their interests, its composition, and
 * a proposed group with every choice explained.
 */

@ObjectType({ description: 'A declared interest of a person in a subject.' })
export class ConsultationInterest {
  @Field()
  kind!: string;

  @Field()
  subject!: string;
}

@ObjectType({ description: 'A member (or candidate) of a consultation group.' })
export class ConsultationGroupMember {
  @Field()
  id!: string;

  @Field()
  name!: string;

  @Field(() => CandidateKindEnum)
  kind!: Candidate['kind'];

  @Field(() => ParticipantCategoryEnum, { nullable: true, description: 'For an invited member.' })
  category!: string | null;

  @Field(() => LocalizedText, { description: 'CPPCC member (fixed), or the invited category.' })
  categoryName!: LocalizedText;

  @Field(() => String, { nullable: true })
  township!: string | null;

  @Field(() => String, { nullable: true, description: 'The CPPCC sector of a fixed member.' })
  sector!: string | null;

  @Field(() => [String])
  expertise!: string[];

  @Field(() => [ConsultationInterest])
  interests!: ConsultationInterest[];

  static from(c: Candidate): ConsultationGroupMember {
    return Object.assign(new ConsultationGroupMember(), {
      id: c.id,
      name: c.name,
      kind: c.kind,
      category: c.kind === 'invited' ? c.category : null,
      categoryName: LocalizedText.from(
        c.kind === 'fixed'
          ? { zh: '政协委员（固定成员）', en: 'CPPCC member (fixed member)' }
          : PARTICIPANT_CATEGORY_LABELS[c.category],
      ),
      township: c.township ?? null,
      sector: c.kind === 'fixed' ? (c.sector ?? null) : null,
      expertise: [...(c.expertise ?? [])],
      interests: (c.interests ?? []).map((i) => Object.assign(new ConsultationInterest(), i)),
    });
  }
}

@ObjectType({ description: 'Who is in a group, by kind and category.' })
export class ConsultationGroupComposition {
  @Field(() => Int)
  size!: number;

  @Field(() => Int)
  fixed!: number;

  @Field(() => Int)
  invited!: number;

  @Field(() => Float)
  fixedShare!: number;

  @Field(() => [ParticipantCategoryEnum])
  invitedCategories!: string[];

  static from(c: DomainComposition): ConsultationGroupComposition {
    return Object.assign(new ConsultationGroupComposition(), {
      ...c,
      invitedCategories: [...c.invitedCategories],
    });
  }
}

@ObjectType('SelectionReason', { description: 'Why a member was chosen.' })
export class SelectionReasonView {
  @Field({ description: 'fixed_member, category_coverage, topic_relevance or fill.' })
  code!: string;

  @Field(() => LocalizedText)
  text!: LocalizedText;

  @Field(() => ParticipantCategoryEnum, { nullable: true })
  category!: string | null;

  @Field(() => [String], { description: 'Topic tags matched by the member’s expertise.' })
  matched!: string[];
}

@ObjectType({ description: 'A chosen member with the reasons.' })
export class SelectedMember {
  @Field(() => ConsultationGroupMember)
  member!: ConsultationGroupMember;

  @Field(() => [SelectionReasonView])
  reasons!: SelectionReasonView[];
}

@ObjectType({ description: 'A candidate left out, and why.' })
export class ExcludedCandidate {
  @Field()
  candidateId!: string;

  @Field({
    description: 'conflict_of_interest, not_resident, category_not_allowed, duplicate or not_needed.',
  })
  code!: string;

  @Field(() => LocalizedText)
  text!: LocalizedText;
}

@ObjectType({ description: 'A proposed consultation group, every choice explained (nothing is stored).' })
export class ConsultationGroupProposal {
  @Field(() => ConsultationGroupComposition)
  composition!: ConsultationGroupComposition;

  @Field(() => [SelectedMember])
  selected!: SelectedMember[];

  @Field(() => [ExcludedCandidate])
  excluded!: ExcludedCandidate[];

  static from(p: GroupProposal): ConsultationGroupProposal {
    return Object.assign(new ConsultationGroupProposal(), {
      composition: ConsultationGroupComposition.from(p.composition),
      selected: p.selected.map((s) =>
        Object.assign(new SelectedMember(), {
          member: ConsultationGroupMember.from(s.candidate),
          reasons: s.reasons.map((r) =>
            Object.assign(new SelectionReasonView(), {
              code: r.code,
              text: LocalizedText.from(describeSelection(r)),
              category: r.code === 'category_coverage' ? r.category : null,
              matched: r.code === 'topic_relevance' ? [...r.matched] : [],
            }),
          ),
        }),
      ),
      excluded: p.excluded.map((e) =>
        Object.assign(new ExcludedCandidate(), {
          candidateId: e.candidateId,
          code: e.reason.code,
          text: LocalizedText.from(describeExclusion(e.reason)),
        }),
      ),
    });
  }
}
