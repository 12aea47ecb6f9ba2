// Proposals and replies as disclosed to the public: no personal data.
import type { DisclosedProposal } from '@jiceng/domain';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { ProposerKindEnum, ReplyCategoryEnum, SatisfactionLevelEnum } from './types.js';

@ObjectType({ description: 'A reply as published.' })
export class PublicCppccProposalReply {
  @Field(() => Int)
  round!: number;
  @Field(() => ReplyCategoryEnum)
  category!: string;
  @Field(() => LocalizedText)
  categoryName!: LocalizedText;
  @Field({ description: 'Mobile and resident ID numbers masked.' })
  text!: string;
  @Field()
  on!: string;
  @Field()
  late!: boolean;
}

@ObjectType({
  description:
    'A filed proposal as the public sees it 提案公开: no person’s name or id, no actor of any step; a part the profile does not publish is null.',
})
export class PublicCppccProposal {
  @Field(() => Int, { nullable: true })
  number!: number | null;
  @Field(() => LocalizedText, { nullable: true, description: '十届三次会议第1号.' })
  citation!: LocalizedText | null;
  @Field(() => LocalizedText)
  status!: LocalizedText;
  @Field()
  filedOn!: string;
  @Field(() => String, { nullable: true })
  title!: string | null;
  @Field(() => String, { nullable: true })
  subjectArea!: string | null;
  @Field(() => ProposerKindEnum, { nullable: true })
  proposerKind!: string | null;
  @Field(() => Int, { nullable: true, description: 'How many members signed; never who.' })
  signers!: number | null;
  @Field(() => LocalizedText, {
    nullable: true,
    description: 'The sector, committee or liaison group that put it.',
  })
  proposerBody!: LocalizedText | null;
  @Field(() => String, { nullable: true })
  reasons!: string | null;
  @Field(() => String, { nullable: true })
  suggestions!: string | null;
  @Field(() => String, { nullable: true })
  leadUnit!: string | null;
  @Field(() => [String], { nullable: true })
  coUnits!: string[] | null;
  @Field(() => [PublicCppccProposalReply], { nullable: true })
  replies!: PublicCppccProposalReply[] | null;
  @Field(() => [SatisfactionLevelEnum], {
    nullable: true,
    description: 'The ratings’ levels, round by round.',
  })
  satisfaction!: string[] | null;
  @Field(() => Boolean, { nullable: true })
  keyProposal!: boolean | null;

  static from(d: DisclosedProposal): PublicCppccProposal {
    return Object.assign(new PublicCppccProposal(), {
      number: d.number ?? null,
      citation: d.citation === undefined ? null : LocalizedText.from(d.citation),
      status: LocalizedText.from(d.status),
      filedOn: d.filedOn,
      title: d.title ?? null,
      subjectArea: d.subjectArea?.code ?? null,
      proposerKind: d.proposerKind?.kind ?? null,
      signers: d.proposerKind?.signers ?? null,
      proposerBody: d.proposerBody ? LocalizedText.from(d.proposerBody) : null,
      reasons: d.reasons ?? null,
      suggestions: d.suggestions ?? null,
      leadUnit: d.units?.lead ?? null,
      coUnits: d.units ? [...d.units.coUnits] : null,
      replies:
        d.replies?.map((r) =>
          Object.assign(new PublicCppccProposalReply(), {
            round: r.round,
            category: r.category,
            categoryName: LocalizedText.from(r.categoryName),
            text: r.text,
            on: r.on,
            late: r.late,
          }),
        ) ?? null,
      satisfaction: d.satisfaction?.map((s) => s.level) ?? null,
      keyProposal: d.keyProposal?.key ?? null,
    });
  }
}
