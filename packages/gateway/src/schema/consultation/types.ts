import { type Actor, CONSULTATION_ROLE_LABELS, type Evidence, type Issue } from '@jiceng/domain';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { LocalizedText } from '../common.js';
import { ConsultationRoleEnum } from './enums.js';

/**
 * GraphQL types of the consultation area, each mapped from domain data by `from`: the pieces every
 * step shares (who acted, evidence, a stable issue). Topics and their origination are in
 * `topic-types.ts`, the consultation group in `group-types.ts`, the five stages and the timeline in
 * `stage-types.ts`, adoption and implementation in `outcome-types.ts`, a liaison group's five haves
 * and filings in `liaison-types.ts`.
 */

@ObjectType({ description: 'Someone acting for a body of the township.' })
export class ConsultationActor {
  @Field({ description: 'The id of the person (the token subject of who recorded it).' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => ConsultationRoleEnum)
  role!: Actor['role'];

  @Field(() => LocalizedText)
  roleName!: LocalizedText;

  static from(actor: Actor): ConsultationActor {
    return Object.assign(new ConsultationActor(), {
      id: actor.id,
      name: actor.name,
      role: actor.role,
      roleName: LocalizedText.from(CONSULTATION_ROLE_LABELS[actor.role]),
    });
  }
}

@ObjectType({ description: 'A document, photo or record that shows something was done.' })
export class ConsultationEvidence {
  @Field()
  title!: string;

  @Field(() => String, { nullable: true, description: 'Where it is kept (an archive number, a file id).' })
  reference!: string | null;

  @Field(() => String, { nullable: true })
  on!: string | null;

  static from(e: Evidence): ConsultationEvidence {
    return Object.assign(new ConsultationEvidence(), {
      title: e.title,
      reference: e.reference ?? null,
      on: e.on ?? null,
    });
  }
}

@ObjectType({ description: 'A rule finding: a stable code, where, and a message in both languages.' })
export class ConsultationIssue {
  @Field()
  code!: string;

  @Field(() => [String])
  path!: string[];

  @Field(() => LocalizedText)
  message!: LocalizedText;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The facts behind the finding, as data.' })
  details!: Record<string, unknown> | null;

  static from(i: Issue): ConsultationIssue {
    return Object.assign(new ConsultationIssue(), {
      code: i.code,
      path: i.path.map(String),
      message: LocalizedText.from(i.message),
      details: (i.details as Record<string, unknown> | undefined) ?? null,
    });
  }
}
