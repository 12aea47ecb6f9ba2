#!/usr/bin/env node
// The layer rules of DESIGN.md §1, checked on every import: domain <- persistence <- gateway.
// The domain stays pure and browser-safe: no I/O, no clock, no randomness, few dependencies.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const rules = {
  domain: {
    allowedPackages: ['zod', 'yaml', 'flatbush'],
    forbiddenCalls: [
      /\bDate\.now\(/,
      /\bnew Date\(\s*\)/,
      /\bMath\.random\(/,
      /\bprocess\./,
      /\bconsole\./,
      /\brequire\(/,
    ],
  },
  persistence: { forbiddenPackages: ['@jiceng/gateway'] },
  gateway: {},
};

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(ts|tsx|mts)$/.test(name)) yield path;
  }
}

const problems = [];
for (const [pkg, rule] of Object.entries(rules)) {
  const src = join(root, 'packages', pkg, 'src');
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (rule.allowedPackages && !rule.allowedPackages.includes(name)) {
        problems.push(
          `${where}: imports "${spec}", but packages/${pkg} may only import ${rule.allowedPackages.join(', ')}`,
        );
      }
      if (rule.forbiddenPackages?.includes(name)) {
        problems.push(`${where}: imports "${spec}", which would point the dependency the wrong way`);
      }
    }
    for (const call of rule.forbiddenCalls ?? []) {
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (call.test(code) && !/^\s*\*/.test(line)) {
          problems.push(
            `${where}:${i + 1}: ${call.source.replace(/\\[bs]\*|\\/g, '')} is not allowed in packages/${pkg} (time, randomness and I/O come in as arguments)`,
          );
        }
      });
    }
  }
}

// The gateway's use cases (src/application) are the same on every door: they import no transport
// (GraphQL, HTTP) and nothing of the doors themselves (schema, open311, cli). The request kernel
// (src/kernel: context, refusals) is the floor under the use cases and the doors alike: no
// transport either, and nothing above it.
const TRANSPORT_PACKAGES = ['graphql', 'type-graphql', '@apollo/server', 'fastify', 'dataloader'];
const FORBIDDEN_FOLDERS = {
  application: ['schema', 'open311', 'cli', 'server'],
  kernel: ['schema', 'open311', 'cli', 'server', 'application'],
};
const gatewaySrc = join(root, 'packages', 'gateway', 'src');
for (const [folder, forbidden] of Object.entries(FORBIDDEN_FOLDERS)) {
  for (const file of files(join(gatewaySrc, folder))) {
    const text = readFileSync(file, 'utf8');
    const where = relative(root, file);
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (spec.startsWith('.')) {
        const target = relative(gatewaySrc, join(file, '..', spec)).split('/')[0];
        if (forbidden.includes(target)) {
          problems.push(`${where}: imports "${spec}", but ${folder}/ may not depend on ${target}/`);
        }
        continue;
      }
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      if (TRANSPORT_PACKAGES.includes(name)) {
        problems.push(`${where}: imports "${spec}", but ${folder}/ is transport-free`);
      }
    }
  }
}

if (problems.length > 0) {
  process.stderr.write(`Layer rules broken:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(
  'layers: domain is pure; dependencies point domain <- persistence <- gateway; use cases and the request kernel are transport-free\n',
);
