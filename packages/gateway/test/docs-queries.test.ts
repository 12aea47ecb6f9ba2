import { readFile } from 'node:fs/promises';
import { buildGatewaySchema } from '@jiceng/gateway';
import { Kind, parse, validate } from 'graphql';
import { expect, it } from 'vitest';

const DOCS = ['graphql.md', 'consultation.md', 'grids.md', 'points.md', 'cppcc.md'];

it('every GraphQL example in the docs is valid against the schema', async () => {
  const schema = await buildGatewaySchema();
  let checked = 0;
  for (const file of DOCS) {
    const text = await readFile(new URL(`../../../docs/${file}`, import.meta.url), 'utf8');
    for (const [, block] of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
      // A block may hold several examples; each operation is checked on its own.
      const document = parse(block ?? '');
      const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
      for (const operation of document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION)) {
        const errors = validate(schema, { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] }).map(
          (e) => e.message,
        );
        expect({
          file,
          operation: operation.loc?.source.body.slice(operation.loc.start, operation.loc.end),
          errors,
        }).toMatchObject({ errors: [] });
        checked++;
      }
    }
  }
  expect(checked).toBeGreaterThan(2);
});
