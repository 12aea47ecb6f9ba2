/**
 * The baseline the dashboard benchmark compares the gateway with: a bare node:http handler that
 * parses, validates and executes with graphql-js, over the same repositories and loaders, with
 * a parsed-document cache as Apollo has. It carries no framework, plugins or limits, so the
 * gap between the two is what Apollo, Fastify and type-graphql cost.
 *
 * It reaches into the gateway's internals, so it imports them from the build: the same modules
 * `@jiceng/gateway` loads there, with the decorator metadata tsc emits (tsx does not). Kept out
 * of `src/` so that it does not ship in the package.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { childrenOf } from '@jiceng/domain';
import { PointsMemberRepository } from '@jiceng/persistence';
import {
  type DocumentNode,
  execute,
  GraphQLFloat,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  validate,
} from 'graphql';
import { canSeeMember, scopeFilter } from '../dist/application/points/access.js';
import { allows, authoriseNode } from '../dist/auth/authorise.js';
import type { TokenService } from '../dist/auth/tokens.js';
import { createRequestLoaders, type GatewayContext, type GatewayServices } from '../dist/kernel/context.js';
import { gridLoaders } from '../dist/schema/grid/loaders.js';
import { pointsLoaders } from '../dist/schema/points/loaders.js';

interface NodeRef {
  readonly code: string;
  readonly name: string;
}

const int = { type: new GraphQLNonNull(GraphQLInt) };
const Stats = new GraphQLObjectType({
  name: 'Stats',
  fields: { grids: int, households: int, workers: int, partyMembers: int, partyOrganisations: int },
});
const Node: GraphQLObjectType = new GraphQLObjectType<NodeRef, GatewayContext>({
  name: 'Node',
  fields: () => ({
    code: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    statistics: { type: Stats, resolve: (n, _a, ctx) => gridLoaders(ctx).statistics.load(n.code) },
    children: {
      type: new GraphQLObjectType({
        name: 'NodeConnection',
        fields: {
          edges: {
            type: new GraphQLList(
              new GraphQLObjectType({ name: 'NodeEdge', fields: { node: { type: Node } } }),
            ),
          },
        },
      }),
      args: { first: { type: GraphQLInt } },
      resolve: (n, args: { first?: number }, ctx) => {
        const { tree } = authoriseNode(ctx, 'org.read', n.code);
        const visible = childrenOf(tree, n.code).filter((c) =>
          allows(ctx, 'org.read', { kind: 'node', code: c.code }),
        );
        return { edges: visible.slice(0, args.first ?? 20).map((node) => ({ node })) };
      },
    },
  }),
});
const Member = new GraphQLObjectType<{ code: string; name: string; branch: string }, GatewayContext>({
  name: 'Member',
  fields: {
    code: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    branch: { type: new GraphQLNonNull(GraphQLString) },
    yearTotal: {
      type: GraphQLFloat,
      args: { year: int },
      resolve: (m, args: { year: number }, ctx) =>
        pointsLoaders(ctx).yearTotal.load({ member: m.code, year: args.year }),
    },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, GatewayContext>({
    name: 'Query',
    fields: {
      myScope: {
        type: Node,
        resolve: (_r, _a, ctx) => authoriseNode(ctx, 'org.read', ctx.principal.scope).node,
      },
      partyMembers: {
        type: new GraphQLObjectType({
          name: 'MemberConnection',
          fields: {
            totalCount: int,
            edges: {
              type: new GraphQLList(
                new GraphQLObjectType({ name: 'MemberEdge', fields: { node: { type: Member } } }),
              ),
            },
          },
        }),
        args: { scope: { type: new GraphQLNonNull(GraphQLString) }, first: { type: GraphQLInt } },
        resolve: async (_r, args: { scope: string; first?: number }, ctx) => {
          const codes = await new PointsMemberRepository(ctx.em).codes(scopeFilter(ctx, args.scope));
          const page = codes.slice(0, args.first ?? 20);
          const members = await pointsLoaders(ctx).member.loadMany(page);
          return {
            totalCount: codes.length,
            edges: members.flatMap((m) =>
              m === null || m instanceof Error || !canSeeMember(ctx, m) ? [] : [{ node: m }],
            ),
          };
        },
      },
    },
  }),
});

/** Starts the baseline on a free loopback port. */
export async function startBaseline(
  services: GatewayServices,
  tokens: TokenService,
): Promise<{ url: string; server: Server }> {
  const documents = new Map<string, DocumentNode>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString()) as {
          query: string;
          variables?: Record<string, unknown>;
        };
        let document = documents.get(query);
        if (document === undefined) {
          document = parse(query);
          const errors = validate(schema, document);
          if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
          documents.set(query, document);
        }
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const now = new Date();
        const context: GatewayContext = {
          principal: await tokens.verify(token, now),
          locale: 'zh',
          requestId: randomUUID(),
          now,
          em: services.db.em.fork(),
          loaders: createRequestLoaders(),
          services,
        };
        const result = await execute({
          schema,
          document,
          contextValue: context,
          variableValues: variables ?? {},
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      } catch (error) {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ errors: [{ message: String(error) }] }));
      }
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`,
    server,
  };
}
