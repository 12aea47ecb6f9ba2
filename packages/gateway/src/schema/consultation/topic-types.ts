import {
  type ConsultationRules,
  ORIGINATION_STEP_LABELS,
  type Origination,
  type OriginationRecord,
  type Topic,
  type TopicDraft,
} from '@jiceng/domain';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import {
  OriginationPathEnum,
  OriginationStatusEnum,
  OriginationStepEnum,
  TopicFormKindEnum,
} from './enums.js';
import { ConsultationActor } from './types.js';

/** GraphQL types of consultation topics 协商议题: a draft, an adopted topic, and its origination path. */

/** The name of a topic's kind in the profile: a thematic topic kind or a routine item kind. */
function kindName(draft: TopicDraft, rules: ConsultationRules): LocalizedText {
  const form = draft.form;
  const found =
    form.kind === 'thematic'
      ? rules.thematic.topicKinds.find((k) => k.code === form.topicKind)?.name
      : rules.routine.requiredItemKinds.find((k) => k.code === form.itemKind)?.name;
  return LocalizedText.from(
    found ??
      (form.kind === 'thematic'
        ? { zh: '专题协商', en: 'thematic consultation' }
        : { zh: '例行协商', en: 'routine consultation' }),
  );
}

@ObjectType({ description: 'A topic as drafted.' })
export class ConsultationTopicDraft {
  @Field()
  title!: string;

  @Field(() => TopicFormKindEnum)
  form!: 'routine' | 'thematic';

  @Field({ description: 'The thematic topic kind, or the routine item kind, as the profile codes it.' })
  kind!: string;

  @Field(() => LocalizedText)
  kindName!: LocalizedText;

  @Field(() => String, { nullable: true, description: 'For a routine topic: the decision it is about.' })
  decisionId!: string | null;

  @Field(() => [String])
  tags!: string[];

  @Field(() => [String], { description: 'Projects, sites or enterprises the topic concerns.' })
  subjects!: string[];

  static fill<T extends ConsultationTopicDraft>(target: T, draft: TopicDraft, rules: ConsultationRules): T {
    return Object.assign(target, {
      title: draft.title,
      form: draft.form.kind,
      kind: draft.form.kind === 'thematic' ? draft.form.topicKind : draft.form.itemKind,
      kindName: kindName(draft, rules),
      decisionId: draft.form.kind === 'routine' ? draft.form.decisionId : null,
      tags: [...(draft.tags ?? [])],
      subjects: [...(draft.subjects ?? [])],
    });
  }

  static from(draft: TopicDraft, rules: ConsultationRules): ConsultationTopicDraft {
    return ConsultationTopicDraft.fill(new ConsultationTopicDraft(), draft, rules);
  }
}

@ObjectType({ description: 'An established topic 协商议题.' })
export class ConsultationTopic extends ConsultationTopicDraft {
  @Field()
  id!: string;

  @Field()
  township!: string;

  @Field(() => Int, { description: 'The year it was established in; thematic topics count per year.' })
  year!: number;

  @Field()
  establishedOn!: string;

  static override from(topic: Topic, rules: ConsultationRules): ConsultationTopic {
    return Object.assign(ConsultationTopicDraft.fill(new ConsultationTopic(), topic, rules), {
      id: topic.id,
      township: topic.township,
      year: topic.year,
      establishedOn: topic.establishedOn,
    });
  }
}

@ObjectType('OriginationStepRecord', {
  description: 'One recorded step of a topic’s origination: who, with whom, when.',
})
export class OriginationRecordView {
  @Field(() => OriginationStepEnum)
  step!: OriginationRecord['step'];

  @Field(() => LocalizedText)
  label!: LocalizedText;

  @Field()
  on!: string;

  @Field(() => ConsultationActor)
  by!: ConsultationActor;

  @Field(() => [ConsultationActor])
  with!: ConsultationActor[];

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => Int, { nullable: true })
  opinionsReceived!: number | null;

  @Field(() => String, { nullable: true, description: 'approved or rejected, for committee_decided.' })
  decision!: string | null;

  static from(r: OriginationRecord): OriginationRecordView {
    return Object.assign(new OriginationRecordView(), {
      step: r.step,
      label: LocalizedText.from(ORIGINATION_STEP_LABELS[r.step]),
      on: r.on,
      by: ConsultationActor.from(r.by),
      with: r.with.map(ConsultationActor.from),
      note: r.note ?? null,
      opinionsReceived: r.opinionsReceived ?? null,
      decision: r.decision ?? null,
    });
  }
}

@ObjectType('TopicOrigination', { description: 'A topic’s origination 议题提出 on one of the two paths.' })
export class TopicOriginationView {
  @Field()
  topicId!: string;

  @Field()
  township!: string;

  @Field(() => OriginationPathEnum)
  path!: Origination['path'];

  @Field(() => OriginationStatusEnum)
  status!: Origination['status'];

  @Field(() => OriginationStepEnum, {
    nullable: true,
    description: 'The step expected next; null once decided.',
  })
  nextStep!: string | null;

  @Field(() => ConsultationTopicDraft, { nullable: true })
  draft!: ConsultationTopicDraft | null;

  @Field(() => String, { nullable: true, description: 'The plan outline drafted with the topic (path b).' })
  planOutline!: string | null;

  @Field(() => [OriginationRecordView])
  steps!: OriginationRecordView[];

  @Field(() => ConsultationTopic, { nullable: true, description: 'Set once established.' })
  topic!: ConsultationTopic | null;

  @Field(() => String, { nullable: true, description: 'The consultation of the topic, once started.' })
  consultationId!: string | null;

  @Field({ description: 'The rule profile its acts are checked under.' })
  profileId!: string;

  @Field(() => Int, { description: 'Pass it back as expectedVersion to refuse a stale write.' })
  version!: number;

  static from(
    stored: { origination: Origination; profileId: string; consultationId: string | null; version: number },
    rules: ConsultationRules,
    nextStep: string | null,
  ): TopicOriginationView {
    const o = stored.origination;
    return Object.assign(new TopicOriginationView(), {
      topicId: o.topicId,
      township: o.township,
      path: o.path,
      status: o.status,
      nextStep,
      draft: o.draft === null ? null : ConsultationTopicDraft.from(o.draft, rules),
      planOutline: o.planOutline,
      steps: o.steps.map(OriginationRecordView.from),
      topic: o.topic === null ? null : ConsultationTopic.from(o.topic, rules),
      consultationId: stored.consultationId,
      profileId: stored.profileId,
      version: stored.version,
    });
  }
}
