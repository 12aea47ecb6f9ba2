// In-process cost of type-graphql over plain graphql-js: the same 1,000-grid list through a
// type-graphql schema and through a hand-written graphql-js schema, each object shaped as the
// gateway's are: stored fields, computed fields that read the context and the root (a label, a
// density, a deadline, a scope check with an argument), and an async edge through a per-request
// DataLoader (a grid's team). `gateway.typegraphql_vs_graphqljs` is our time over theirs (goal
// ≤ 1.25): what the decorators cost on a list as the gateway resolves one.
import 'reflect-metadata';
import DataLoader from 'dataloader';
import {
  execute,
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import {
  Arg,
  buildSchema,
  Ctx,
  Field,
  FieldResolver,
  Float,
  Int,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { report } from '../../../scripts/bench-harness.js';

interface Row {
  code: string;
  name: string;
  communityCode: string;
  households: number;
  workers: number;
  openedDay: number;
}

interface Worker {
  id: string;
  name: string;
}

/** What a request carries: the caller's scope and the loaders made for it. */
interface Context {
  scope: string;
  team: DataLoader<string, Worker[]>;
}

const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    code: `C${i % 40}-G${i}`,
    name: `第${i}网格`,
    communityCode: `C${i % 40}`,
    households: 300 + (i % 50),
    workers: 1 + (i % 3),
    openedDay: i % 365,
  }));

// The resolvers' own work, shared by both schemas so that only the framework differs.
const label = (ctx: Context, g: Row): string => `${g.name}（${g.communityCode}，${ctx.scope}）`;
const density = (g: Row): number => g.households / g.workers;
const dueDate = (g: Row): string => {
  const day = new Date(Date.UTC(2025, 0, 1 + g.openedDay + 15));
  return day.toISOString().slice(0, 10);
};
const visible = (ctx: Context, g: Row, strict: boolean): boolean =>
  strict ? g.communityCode === ctx.scope : g.code.startsWith(ctx.scope.slice(0, 1));
/** One batch for every grid of the list, as a repository call would be. */
const loadTeams = async (codes: readonly string[]): Promise<Worker[][]> =>
  codes.map((code, i) =>
    Array.from({ length: 1 + (i % 3) }, (_, k) => ({ id: `${code}-W${k}`, name: `网格员${k}` })),
  );
const context = (): Context => ({ scope: 'C7', team: new DataLoader(loadTeams) });

@ObjectType('Worker')
class WorkerType {
  @Field(() => String)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType('Grid')
class GridType {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  households!: number;

  communityCode!: string;
  workers!: number;
  openedDay!: number;
}

@Resolver(() => GridType)
class GridResolver {
  @Query(() => [GridType])
  grids(@Arg('n', () => Int) n: number): GridType[] {
    return rows(n) as GridType[];
  }

  @FieldResolver(() => String)
  label(@Ctx() ctx: Context, @Root() g: GridType): string {
    return label(ctx, g);
  }

  @FieldResolver(() => Float)
  density(@Root() g: GridType): number {
    return density(g);
  }

  @FieldResolver(() => String)
  dueDate(@Root() g: GridType): string {
    return dueDate(g);
  }

  @FieldResolver(() => Boolean)
  visible(@Ctx() ctx: Context, @Root() g: GridType, @Arg('strict', () => Boolean) strict: boolean): boolean {
    return visible(ctx, g, strict);
  }

  @FieldResolver(() => [WorkerType])
  async team(@Ctx() ctx: Context, @Root() g: GridType): Promise<WorkerType[]> {
    return (await ctx.team.load(g.code)) as WorkerType[];
  }
}

const PlainWorker = new GraphQLObjectType({
  name: 'Worker',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
  },
});
const PlainGrid = new GraphQLObjectType<Row, Context>({
  name: 'Grid',
  fields: {
    code: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    households: { type: new GraphQLNonNull(GraphQLInt) },
    label: { type: new GraphQLNonNull(GraphQLString), resolve: (g, _args, ctx) => label(ctx, g) },
    density: { type: new GraphQLNonNull(GraphQLFloat), resolve: (g) => density(g) },
    dueDate: { type: new GraphQLNonNull(GraphQLString), resolve: (g) => dueDate(g) },
    visible: {
      type: new GraphQLNonNull(GraphQLBoolean),
      args: { strict: { type: new GraphQLNonNull(GraphQLBoolean) } },
      resolve: (g, args: { strict: boolean }, ctx) => visible(ctx, g, args.strict),
    },
    team: {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(PlainWorker))),
      resolve: (g, _args, ctx) => ctx.team.load(g.code),
    },
  },
});
const plainSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      grids: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(PlainGrid))),
        args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, args: { n: number }) => rows(args.n),
      },
    },
  }),
});

const document = parse(
  '{ grids(n: 1000) { code name households label density dueDate visible(strict: true) team { id name } } }',
);

async function time(schema: GraphQLSchema, repeats: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeats; i++) {
    const result = await execute({ schema, document, contextValue: context() });
    const grids = result.data?.['grids'] as { team: unknown[] }[] | undefined;
    if (result.errors !== undefined || grids?.length !== 1000 || grids[999]?.team.length !== 1) {
      throw new Error(`execution failed: ${JSON.stringify(result.errors)}`);
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function run(scale: number): Promise<void> {
  const typed = await buildSchema({ resolvers: [GridResolver], validate: false });
  // Both schemas give the same answer.
  const a = await execute({ schema: typed, document, contextValue: context() });
  const b = await execute({ schema: plainSchema, document, contextValue: context() });
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error('the two schemas answer differently');
  const repeats = Math.max(10, Math.round(100 * scale));
  // Warm both up, then alternate rounds so a noisy neighbour hits both alike; keep each one's fastest.
  await time(typed, 10);
  await time(plainSchema, 10);
  let ours = Infinity;
  let theirs = Infinity;
  for (let round = 0; round < 5; round++) {
    ours = Math.min(ours, await time(typed, repeats));
    theirs = Math.min(theirs, await time(plainSchema, repeats));
  }
  report('gateway.typegraphql_list_1000', (ours / repeats) * 1000, 'ms');
  report('gateway.typegraphql_vs_graphqljs', ours / theirs, 'x');
}
