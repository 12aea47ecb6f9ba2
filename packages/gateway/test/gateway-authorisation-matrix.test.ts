import { parseLocalDate, unwrap } from '@jiceng/domain';
import { buildGatewaySchema, type Principal } from '@jiceng/gateway';
import { seedReferenceCounty } from '@jiceng/persistence';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { gql, useGateway } from './support.js';

/**
 * Every query and mutation of the schema, tried by callers inside and outside the scope of
 * the data it names. The operations are generated from the schema, so a new field is covered
 * the day it is added; the expected outcome of each class of operation is data, below.
 */

/** Codes of the reference county the generated arguments point at (the seed street's). */
const TARGET: Record<string, string> = {
  community: '330102001001',
  township: '330102001',
  scope: '330102001',
  code: '330102001001',
  branch: 'P330102001001',
};
const fill = (name: string) => TARGET[name] ?? 'X';

function sample(type: GraphQLInputType, name: string): string {
  if (isNonNullType(type)) return sample(type.ofType, name);
  if (isListType(type)) return `[${sample(type.ofType, name)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${sample(f.type, f.name)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    if (type.name === 'Int') return /year/i.test(name) ? '2025' : '1';
    if (type.name === 'Float') return '1';
    if (type.name === 'Boolean') return 'false';
    if (type.name === 'JSONObject') return '{}';
    return /date|On$|from$|to$/i.test(name) ? '"2025-06-01"' : `"${fill(name)}"`;
  }
  return '""';
}

interface Operation {
  readonly name: string;
  /** Whether an argument names the seed street's organisations. */
  readonly targeted: boolean;
  readonly kind: 'query' | 'mutation';
  readonly document: string;
}

/** Open to everyone, token or not. */
const PUBLIC_OPERATIONS = new Set(['viewer', 'publicConsultations', 'publicStatistics']);
/** Open to every signed-in caller whatever their scope: the rules themselves, and who am I. */
const SIGNED_IN_OPERATIONS = new Set(['myScope', 'ruleProfile', 'ruleProfileVersions', 'cadreAssessment']);

/** Codes that refuse without revealing data. */
const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND']);

describe('authorisation matrix: every operation × caller × scope', async () => {
  const schema = await buildGatewaySchema();
  const operations: Operation[] = (['query', 'mutation'] as const).flatMap((kind) => {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    return Object.values(root?.getFields() ?? {}).map((f: GraphQLField<unknown, unknown>) => {
      // Required arguments, and every optional one that names an organisation, so that each
      // operation points at the seed street's data.
      const args = f.args.filter((a: GraphQLArgument) => isNonNullType(a.type) || a.name in TARGET);
      const named = getNamedType(f.type);
      const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
      const call = args.length
        ? `(${args.map((a) => `${a.name}: ${sample(a.type, a.name)}`).join(', ')})`
        : '';
      const document = `${kind} { ${f.name}${call}${selection} }`;
      return {
        name: f.name,
        kind,
        document,
        targeted: Object.values(TARGET).some((c) => document.includes(`"${c}"`)),
      };
    });
  });

  const gw = useGateway({ limits: { maxAliases: 50 } });
  beforeAll(async () => {
    await seedReferenceCounty(gw.db, { today: unwrap(parseLocalDate('2026-11-27')) });
    await gw.services.reloadOrgTrees();
  }, 120_000);

  async function outcome(op: Operation, principal: Principal | undefined) {
    const token = principal ? await gw.token(principal) : undefined;
    const r = await gql(gw.app, op.document, token ? { token } : {});
    const code = r.errors?.[0]?.extensions?.['code'] as string | undefined;
    const value = (r.data as Record<string, unknown> | null | undefined)?.[op.name];
    return { status: r.status, code, hasData: value !== undefined && value !== null };
  }

  it('covers every root field of the schema, most of them aimed at the seed street', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((o) => o.targeted).length).toBeGreaterThan(30);
  });

  it('the public gets only the public operations; everything else is refused as unauthenticated', async () => {
    for (const op of operations) {
      const got = await outcome(op, undefined);
      if (PUBLIC_OPERATIONS.has(op.name)) {
        expect({ op: op.name, code: got.code }).not.toMatchObject({ code: 'UNAUTHENTICATED' });
      } else {
        expect({ op: op.name, code: got.code, hasData: got.hasData }).toEqual({
          op: op.name,
          code: 'UNAUTHENTICATED',
          hasData: false,
        });
      }
    }
  }, 120_000);

  const outsiders: Principal[] = [
    { subject: 'o1', role: 'street_admin', scope: '330102105' },
    { subject: 'o2', role: 'community_admin', scope: '330102101201' },
    { subject: 'o3', role: 'branch_secretary', scope: 'P330102001007' },
    { subject: 'o4', role: 'grid_worker', scope: '330102001007' },
    { subject: 'o5', role: 'member', scope: 'P330102001007' },
  ];

  it.each(outsiders)(
    'a $role outside the seed street’s scope ($scope) is refused everything about it',
    async (principal) => {
      for (const op of operations) {
        if (PUBLIC_OPERATIONS.has(op.name) || SIGNED_IN_OPERATIONS.has(op.name) || !op.targeted) continue;
        const got = await outcome(op, principal);
        // Refused, or the input names nothing that exists; never data from another scope.
        expect({
          op: op.name,
          hasData: got.hasData,
          refused: got.code === undefined ? 'none' : REFUSALS.has(got.code) || got.code === 'BAD_USER_INPUT',
        }).toEqual({
          op: op.name,
          hasData: false,
          refused: true,
        });
      }
    },
    120_000,
  );

  it('a county administrator is never refused as unauthenticated or forbidden for reads in the county', async () => {
    const admin: Principal = { subject: 'a', role: 'county_admin', scope: '330102' };
    for (const op of operations.filter((o) => o.kind === 'query')) {
      const got = await outcome(op, admin);
      expect({ op: op.name, code: got.code }).not.toMatchObject({
        code: expect.stringMatching(/^(UNAUTHENTICATED|FORBIDDEN)$/),
      });
    }
  }, 120_000);
});
