import {
  ADOPTION_DECISION_LABELS,
  type ItemAdoption,
  type ItemReport,
  type TaskReport,
} from '@jiceng/domain';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { AdoptionDecisionEnum, ImplementationStatusEnum, ProposalAddresseeEnum } from './enums.js';
import { ConsultationActor, ConsultationEvidence } from './types.js';

/** GraphQL types of what came of a consultation proposal: adoption per item and the implementation report. */

@ObjectType({ description: 'The decision on one proposal item.' })
export class ConsultationAdoption {
  @Field()
  itemId!: string;

  @Field(() => AdoptionDecisionEnum)
  decision!: string;

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field()
  on!: string;

  @Field(() => ConsultationActor)
  by!: ConsultationActor;

  static from(a: ItemAdoption): ConsultationAdoption {
    return Object.assign(new ConsultationAdoption(), {
      itemId: a.itemId,
      decision: a.decision,
      label: LocalizedText.from(ADOPTION_DECISION_LABELS[a.decision]),
      reason: a.reason ?? null,
      on: a.on,
      by: ConsultationActor.from(a.by),
    });
  }
}

@ObjectType({ description: 'A task of an implementation plan, its progress rolled up from its sub-tasks.' })
export class ConsultationTaskReport {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field(() => Float)
  weight!: number;

  @Field(() => Float, { description: '0–100.' })
  progress!: number;

  @Field(() => ImplementationStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => String, { nullable: true })
  startedOn!: string | null;

  @Field(() => String, { nullable: true })
  completedOn!: string | null;

  @Field(() => [ConsultationEvidence])
  evidence!: ConsultationEvidence[];

  @Field(() => [ConsultationTaskReport])
  subTasks!: ConsultationTaskReport[];

  static from(t: TaskReport): ConsultationTaskReport {
    return Object.assign(new ConsultationTaskReport(), {
      ...t,
      evidence: t.evidence.map(ConsultationEvidence.from),
      subTasks: t.subTasks.map(ConsultationTaskReport.from),
    });
  }
}

@ObjectType({ description: 'Where one proposal item stands: the decision, the unit, progress, status.' })
export class ConsultationItemReport {
  @Field()
  itemId!: string;

  @Field()
  text!: string;

  @Field(() => ProposalAddresseeEnum)
  addressedTo!: string;

  @Field(() => AdoptionDecisionEnum, { nullable: true })
  decision!: string | null;

  @Field(() => ConsultationAdoption, { nullable: true })
  adoption!: ConsultationAdoption | null;

  @Field(() => String, { nullable: true, description: 'The unit responsible.' })
  owner!: string | null;

  @Field(() => Float)
  progress!: number;

  @Field(() => ImplementationStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => String, { nullable: true })
  startedOn!: string | null;

  @Field(() => String, { nullable: true })
  completedOn!: string | null;

  @Field(() => [ConsultationEvidence])
  evidence!: ConsultationEvidence[];

  @Field(() => [ConsultationTaskReport])
  tasks!: ConsultationTaskReport[];

  static from(i: ItemReport, adoption: ItemAdoption | undefined): ConsultationItemReport {
    return Object.assign(new ConsultationItemReport(), {
      ...i,
      adoption: adoption === undefined ? null : ConsultationAdoption.from(adoption),
      evidence: i.evidence.map(ConsultationEvidence.from),
      tasks: i.tasks.map(ConsultationTaskReport.from),
    });
  }
}

@ObjectType({ description: 'Every proposal item with its adoption and implementation progress.' })
export class ConsultationImplementationReport {
  @Field()
  asOf!: string;

  @Field(() => [ConsultationItemReport])
  items!: ConsultationItemReport[];

  @Field(() => Int)
  adoptedItems!: number;

  @Field(() => Int)
  completedItems!: number;

  @Field(() => Float, { description: 'Mean progress of the adopted items.' })
  progress!: number;
}
