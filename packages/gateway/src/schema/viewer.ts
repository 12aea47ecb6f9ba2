import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import type { GatewayContext } from '../kernel/context.js';

@ObjectType({ description: 'The caller, as the token says.' })
class Viewer {
  @Field()
  subject!: string;

  @Field()
  role!: string;

  @Field({ description: 'The organisation node the role applies to; empty for the public.' })
  scope!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@Resolver()
export class ViewerResolver {
  @Query(() => Viewer)
  viewer(@Ctx() ctx: GatewayContext): Viewer {
    const p = ctx.principal;
    return Object.assign(new Viewer(), {
      subject: p.subject,
      role: p.role,
      scope: p.scope,
      name: p.name ?? null,
    });
  }
}
