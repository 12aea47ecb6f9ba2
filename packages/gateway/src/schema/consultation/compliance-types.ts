import type { ComplianceReport } from '@jiceng/domain';
import { Field, Int, ObjectType } from 'type-graphql';
import { ConsultationStatusEnum } from './enums.js';
import { ConsultationGroupComposition } from './group-types.js';
import { FiveHavesChecklist } from './liaison-types.js';
import { ConsultationIssue } from './types.js';

/** GraphQL types of a township's yearly compliance report: thematic count, routine items, groups, five haves, members and filed minutes. */

@ObjectType()
export class ComplianceThematicTopic {
  @Field()
  consultationId!: string;

  @Field()
  title!: string;

  @Field(() => ConsultationStatusEnum)
  status!: string;
}

@ObjectType({ description: 'Thematic consultations of the year against the profile’s range.' })
export class ComplianceThematic {
  @Field(() => Int)
  count!: number;

  @Field(() => Int)
  min!: number;

  @Field(() => Int)
  max!: number;

  @Field(() => [ComplianceThematicTopic])
  topics!: ComplianceThematicTopic[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceRoutineItem {
  @Field()
  decisionId!: string;

  @Field()
  title!: string;

  @Field()
  itemKind!: string;

  @Field()
  issuedOn!: string;

  @Field(() => String, { nullable: true, description: 'The day its routine consultation met; null if none.' })
  consultedOn!: string | null;

  @Field()
  ok!: boolean;
}

@ObjectType({ description: 'Required routine items issued that year, each consulted before issue or not.' })
export class ComplianceRoutine {
  @Field(() => Int)
  required!: number;

  @Field(() => Int)
  consultedBeforeIssue!: number;

  @Field(() => [ComplianceRoutineItem])
  items!: ComplianceRoutineItem[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceGroup {
  @Field()
  consultationId!: string;

  @Field(() => ConsultationGroupComposition)
  composition!: ConsultationGroupComposition;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceGroups {
  @Field(() => [ComplianceGroup])
  consultations!: ComplianceGroup[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceFiveHaves {
  @Field(() => FiveHavesChecklist, {
    nullable: true,
    description: 'Null when the township has no liaison group.',
  })
  checklist!: FiveHavesChecklist | null;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceMembers {
  @Field(() => Int)
  count!: number;

  @Field(() => Int)
  min!: number;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceVillage {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  count!: number;

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceMinutes {
  @Field(() => Int)
  filed!: number;

  @Field(() => Int)
  late!: number;

  @Field(() => [ComplianceVillage])
  villages!: ComplianceVillage[];

  @Field()
  ok!: boolean;
}

@ObjectType()
export class ComplianceReportDue {
  @Field()
  consultationId!: string;

  @Field(() => String, { nullable: true })
  dueOn!: string | null;

  @Field(() => String, { nullable: true })
  reportedOn!: string | null;

  @Field()
  late!: boolean;
}

@ObjectType('ConsultationComplianceReport', {
  description: 'One township’s consultation compliance for one year 合规检查.',
})
export class ConsultationComplianceReport {
  @Field()
  township!: string;

  @Field(() => Int)
  year!: number;

  @Field()
  asOf!: string;

  @Field({ description: 'True when there is no finding.' })
  ok!: boolean;

  @Field(() => ComplianceThematic)
  thematic!: ComplianceThematic;

  @Field(() => ComplianceRoutine)
  routine!: ComplianceRoutine;

  @Field(() => ComplianceGroups)
  groups!: ComplianceGroups;

  @Field(() => ComplianceFiveHaves)
  fiveHaves!: ComplianceFiveHaves;

  @Field(() => ComplianceMembers, { nullable: true })
  members!: ComplianceMembers | null;

  @Field(() => ComplianceMinutes)
  minutes!: ComplianceMinutes;

  @Field(() => [ComplianceReportDue])
  reports!: ComplianceReportDue[];

  @Field(() => [ConsultationIssue])
  findings!: ConsultationIssue[];

  static from(r: ComplianceReport, asOf: string): ConsultationComplianceReport {
    return Object.assign(new ConsultationComplianceReport(), {
      township: r.township,
      year: r.year,
      asOf,
      ok: r.ok,
      thematic: Object.assign(new ComplianceThematic(), {
        ...r.thematic,
        topics: r.thematic.topics.map((t) => Object.assign(new ComplianceThematicTopic(), t)),
      }),
      routine: Object.assign(new ComplianceRoutine(), {
        ...r.routine,
        items: r.routine.items.map((i) => Object.assign(new ComplianceRoutineItem(), i)),
      }),
      groups: Object.assign(new ComplianceGroups(), {
        ok: r.groups.ok,
        consultations: r.groups.consultations.map((g) =>
          Object.assign(new ComplianceGroup(), {
            consultationId: g.consultationId,
            composition: ConsultationGroupComposition.from(g.composition),
            ok: g.ok,
          }),
        ),
      }),
      fiveHaves: Object.assign(new ComplianceFiveHaves(), {
        checklist: r.fiveHaves.checklist === null ? null : FiveHavesChecklist.from(r.fiveHaves.checklist),
        ok: r.fiveHaves.ok,
      }),
      members: r.members === null ? null : Object.assign(new ComplianceMembers(), r.members),
      minutes: Object.assign(new ComplianceMinutes(), {
        ...r.minutes,
        villages: r.minutes.villages.map((v) => Object.assign(new ComplianceVillage(), v)),
      }),
      reports: r.reports.map((x) => Object.assign(new ComplianceReportDue(), x)),
      findings: r.findings.map(ConsultationIssue.from),
    });
  }
}
