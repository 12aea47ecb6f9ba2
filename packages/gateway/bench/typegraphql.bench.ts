// In-process cost of type-graphql over plain graphql-js: the same 1,000-item list, the same
// resolvers' data, executed through a type-graphql schema and through a hand-written graphql-js
// schema. `gateway.typegraphql_vs_graphqljs` is our time over theirs (goal ≤ 1.25).
import 'reflect-metadata';
import {
  execute,
  GraphQLFloat,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
} from 'graphql';
import { Arg, buildSchema, Field, Float, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { report } from '../../../scripts/bench-harness.js';

interface Row {
  code: string;
  name: string;
  households: number;
  workers: number;
  share: number;
}

const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    code: `g${i}`,
    name: `第${i}网格`,
    households: 300 + (i % 50),
    workers: 3,
    share: i / n,
  }));

@ObjectType('Item')
class Item {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  households!: number;

  @Field(() => Int)
  workers!: number;

  @Field(() => Float)
  share!: number;
}

@Resolver()
class ItemResolver {
  @Query(() => [Item])
  items(@Arg('n', () => Int) n: number): Item[] {
    return rows(n) as Item[];
  }
}

const Plain = new GraphQLObjectType({
  name: 'Item',
  fields: {
    code: { type: new GraphQLNonNull(GraphQLString) },
    name: { type: new GraphQLNonNull(GraphQLString) },
    households: { type: new GraphQLNonNull(GraphQLInt) },
    workers: { type: new GraphQLNonNull(GraphQLInt) },
    share: { type: new GraphQLNonNull(GraphQLFloat) },
  },
});
const plainSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      items: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Plain))),
        args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, args: { n: number }) => rows(args.n),
      },
    },
  }),
});

const document = parse('{ items(n: 1000) { code name households workers share } }');

async function time(schema: GraphQLSchema, repeats: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < repeats; i++) {
    const result = await execute({ schema, document });
    const items = result.data?.['items'] as unknown[] | undefined;
    if (result.errors !== undefined || items?.length !== 1000) {
      throw new Error(`execution failed: ${JSON.stringify(result.errors)}`);
    }
  }
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function run(scale: number): Promise<void> {
  const typed = await buildSchema({ resolvers: [ItemResolver], validate: false });
  const repeats = Math.max(20, Math.round(400 * scale));
  // Warm both up, then alternate rounds so a noisy neighbour hits both alike.
  await time(typed, 20);
  await time(plainSchema, 20);
  let ours = 0;
  let theirs = 0;
  for (let round = 0; round < 4; round++) {
    ours += await time(typed, repeats);
    theirs += await time(plainSchema, repeats);
  }
  report('gateway.typegraphql_list_1000', (ours / (4 * repeats)) * 1000, 'ms');
  report('gateway.typegraphql_vs_graphqljs', ours / theirs, 'x');
}
