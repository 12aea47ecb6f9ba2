import {
  ancestors,
  childrenOf,
  depthOf,
  LEVEL_LABELS,
  type OrgRow,
  type OrgTree,
  parentOf,
  pathOf,
  subtreeSize,
  type TreeKind,
} from '@jiceng/domain';
import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { type OrgRowCommand, replaceOrgTree } from '../application/org/trees.js';
import { allows, authoriseNode, type Door } from '../auth/authorise.js';
import type { GatewayContext } from '../kernel/context.js';
import { connectionOf, LocalizedText, PageArgs, paginate } from './common.js';

export enum OrgTreeKind {
  administrative = 'administrative',
  party = 'party',
}
registerEnumType(OrgTreeKind, {
  name: 'OrgTreeKind',
  description: 'The administrative tree or the party organisation tree.',
});

/** An organisation node as GraphQL shows it; resolvers below add the edges. */
@ObjectType({ description: 'A node of an organisation tree: a street, community, grid, party branch…' })
export class OrgNode {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field({
    description:
      'county, street, community, compound, grid, building; committee, community_org, branch, grid_group',
  })
  level!: string;

  @Field(() => LocalizedText)
  levelName!: LocalizedText;

  @Field(() => String, { nullable: true })
  subtype!: string | null;

  @Field(() => String, { nullable: true })
  divisionCode!: string | null;

  @Field(() => OrgTreeKind)
  kind!: OrgTreeKind;

  tree!: OrgTree;

  static from(tree: OrgTree, row: OrgRow): OrgNode {
    return Object.assign(new OrgNode(), {
      code: row.code,
      name: row.name,
      level: row.level,
      levelName: LocalizedText.from(LEVEL_LABELS[row.level]),
      subtype: row.subtype ?? null,
      divisionCode: row.divisionCode ?? null,
      kind: tree.kind as OrgTreeKind,
      tree,
    });
  }
}

const OrgNodeConnection = connectionOf('OrgNode', OrgNode);

@InputType({ description: 'One row of an organisation tree, as a spreadsheet would give it.' })
class OrgRowInput implements OrgRowCommand {
  @Field()
  code!: string;

  @Field(() => String, { nullable: true })
  parentCode!: string | null;

  @Field()
  level!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  subtype?: string | null;

  @Field(() => String, { nullable: true })
  divisionCode?: string | null;
}

@ObjectType()
class OrgTreeReplaced {
  @Field(() => OrgTreeKind)
  kind!: OrgTreeKind;

  @Field(() => Int)
  nodeCount!: number;
}

/** Whether the caller sees an organisation node: edges that lead out of the scope are null. */
export function seesNode(door: Door, code: string): boolean {
  return allows(door, 'org.read', { kind: 'node', code });
}

@Resolver(() => OrgNode)
export class OrgNodeResolver {
  @Query(() => OrgNode, { description: 'One organisation node within your scope.' })
  orgNode(@Ctx() ctx: GatewayContext, @Arg('code') code: string): OrgNode {
    const { tree, node } = authoriseNode(ctx, 'org.read', code);
    return OrgNode.from(tree, node);
  }

  @Query(() => OrgNode, { description: 'The node your role applies to: the top of what you may see.' })
  myScope(@Ctx() ctx: GatewayContext): OrgNode {
    const { tree, node } = authoriseNode(ctx, 'org.read', ctx.principal.scope);
    return OrgNode.from(tree, node);
  }

  @FieldResolver(() => Int)
  depth(@Root() n: OrgNode): number {
    return depthOf(n.tree, n.code);
  }

  @FieldResolver(() => String, {
    description: 'Materialised path of codes from the root, e.g. /330102/330102001.',
  })
  path(@Root() n: OrgNode): string {
    return pathOf(n.tree, n.code);
  }

  @FieldResolver(() => Int, { description: 'Nodes in this subtree, this one included.' })
  subtreeSize(@Root() n: OrgNode): number {
    return subtreeSize(n.tree, n.code);
  }

  @FieldResolver(() => OrgNode, { nullable: true, description: 'Null at the root, and above your scope.' })
  parent(@Ctx() ctx: GatewayContext, @Root() n: OrgNode): OrgNode | null {
    const parent = parentOf(n.tree, n.code);
    return parent !== null && seesNode(ctx, parent.code) ? OrgNode.from(n.tree, parent) : null;
  }

  @FieldResolver(() => OrgNode, {
    nullable: true,
    description:
      'The node of the other tree this one meets: a party organisation’s street, community or grid, or the party organisation of an administrative node. Null where none, and outside your scope.',
  })
  counterpart(@Ctx() ctx: GatewayContext, @Root() n: OrgNode): OrgNode | null {
    const links = ctx.services.treeLinks();
    if (links === undefined) return null;
    // Looked up by code in the trees the links were built on (a reload may have come between).
    const [own, across, other] =
      n.tree.kind === 'party'
        ? [links.party, links.partyToAdministrative, links.administrative]
        : [links.administrative, links.administrativeToParty, links.party];
    const id = own.ids.get(n.code);
    const met = id === undefined ? -1 : across[id]!;
    if (met < 0) return null;
    const row = other.nodes[met]!;
    return seesNode(ctx, row.code) ? OrgNode.from(other, row) : null;
  }

  @FieldResolver(() => [OrgNode], { description: 'Ancestors within your scope, nearest first.' })
  ancestors(@Ctx() ctx: GatewayContext, @Root() n: OrgNode): OrgNode[] {
    return ancestors(n.tree, n.code)
      .filter((a) => seesNode(ctx, a.code))
      .map((a) => OrgNode.from(n.tree, a));
  }

  @FieldResolver(() => OrgNodeConnection)
  children(@Ctx() ctx: GatewayContext, @Root() n: OrgNode, @Args(() => PageArgs) page: PageArgs) {
    const visible = childrenOf(n.tree, n.code).filter((c) => seesNode(ctx, c.code));
    return paginate(
      visible.map((c) => OrgNode.from(n.tree, c)),
      page,
    );
  }

  @Mutation(() => OrgTreeReplaced, {
    description: 'Replaces a whole organisation tree (county administrators only).',
  })
  async replaceOrgTree(
    @Ctx() ctx: GatewayContext,
    @Arg('kind', () => OrgTreeKind) kind: OrgTreeKind,
    @Arg('rows', () => [OrgRowInput]) rows: OrgRowInput[],
  ): Promise<OrgTreeReplaced> {
    const tree = await replaceOrgTree(ctx, { kind: kind as TreeKind, rows });
    return Object.assign(new OrgTreeReplaced(), { kind, nodeCount: tree.nodes.length });
  }
}
