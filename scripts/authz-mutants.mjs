#!/usr/bin/env node
// Proves the authorisation matrix can fail: removes or inverts each check of the policy and scope
// code (packages/gateway/src/auth/policy.ts, scope.ts, authorise.ts) in turn and runs the matrix
// against it. Mutants are applied in memory: a Vite plugin serves instrumented copies of the three
// files to one Vitest run (packages/gateway/test/authz-mutants.run.ts), where every mutant is
// switched on by its id, so the reference county is seeded once and nothing in the working tree is
// touched. A mutant is killed when any call answers against the matrix's table; survivors must be
// explained in SURVIVING_MUTANTS of packages/gateway/test/gateway-authorisation-matrix.test.ts.
//
//   node scripts/authz-mutants.mjs             every mutant; exit 1 on an unexplained survivor
//   node scripts/authz-mutants.mjs --sample=4  every 4th mutant (a quick look)
//   node scripts/authz-mutants.mjs --list      print the mutants and stop
//   node scripts/authz-mutants.mjs --json      one JSON line of results on stdout (for the bench)
//   node scripts/authz-mutants.mjs --keep      keep the results (which call killed each mutant, how fast)
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const gateway = join(root, 'packages', 'gateway');
const FILES = ['src/auth/policy.ts', 'src/auth/scope.ts', 'src/auth/authorise.ts'];
const ROLES = [
  'county_admin',
  'street_admin',
  'community_admin',
  'branch_secretary',
  'grid_worker',
  'member',
  'public',
];
/** Calls that are checks by themselves: removing one removes the check. */
const CHECK_CALLS = new Set(['requireAction', 'authorise', 'authoriseNode']);

const args = process.argv.slice(2);
const flag = (name) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const sample = Number(flag('sample')?.split('=')[1] ?? 1);
const json = flag('json') !== undefined;

/**
 * The mutation points of one file. Each point is a source range with one or more mutants: the
 * mutated text for an expression, `remove` for a statement, or a getter for a policy table cell.
 */
function pointsOf(file, source) {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const points = [];
  const short = file.split('/').pop();
  const text = (node) => source.slice(node.getStart(sf), node.getEnd());
  const counters = new Map();
  const idOf = (fn, kind) => {
    const key = `${fn}/${kind}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${short}#${fn}/${kind}${n > 1 ? `#${n}` : ''}`;
  };
  const add = (node, fn, kind, mutants, shape = 'expression') => {
    const base = idOf(fn, kind);
    points.push({
      start: node.getStart(sf),
      end: node.getEnd(),
      shape,
      mutants: mutants.map(([suffix, replacement, action]) => ({
        id: suffix === '' ? base : `${base}:${suffix}`,
        replacement,
        ...(action ? { action } : {}),
      })),
    });
  };

  // The exhaustive switches' `unreachable(x)`: the compiler proves no value gets there.
  const unreachable = (e) => ts.isCallExpression(e) && e.expression.getText(sf) === 'unreachable';
  const visit = (node, fn, booleanReturn) => {
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isMethodDeclaration(node)
    ) {
      const name =
        node.name?.getText(sf) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(sf) : fn);
      const returnsBoolean = node.type?.getText(sf) === 'boolean';
      ts.forEachChild(node, (child) => visit(child, name, returnsBoolean));
      return;
    }
    if (
      ts.isVariableStatement(node) &&
      node.declarationList.declarations.some((d) => d.name.getText(sf) === 'POLICY')
    ) {
      policyTable(node);
      return;
    }
    if (fn !== undefined) {
      if (ts.isIfStatement(node)) {
        const c = text(node.expression);
        add(node.expression, fn, 'if', [
          ['drop', 'false'],
          ['invert', `!(${c})`],
        ]);
      } else if (
        ts.isReturnStatement(node) &&
        node.expression &&
        booleanReturn &&
        !unreachable(node.expression)
      ) {
        const e = text(node.expression);
        // Dropping a check returns true; a `return true` has nothing to drop.
        add(node.expression, fn, 'return', [
          ...(e === 'true' ? [] : [['drop', 'true']]),
          ['invert', `!(${e})`],
        ]);
      } else if (ts.isConditionalExpression(node)) {
        add(node.condition, fn, 'conditional', [['invert', `!(${text(node.condition)})`]]);
      } else if (ts.isBinaryExpression(node)) {
        const op = node.operatorToken.kind;
        const swap = {
          [ts.SyntaxKind.AmpersandAmpersandToken]: '||',
          [ts.SyntaxKind.BarBarToken]: '&&',
          [ts.SyntaxKind.EqualsEqualsEqualsToken]: '!==',
          [ts.SyntaxKind.ExclamationEqualsEqualsToken]: '===',
        }[op];
        if (swap !== undefined) {
          add(node, fn, swap === '||' || swap === '&&' ? 'logic' : 'equality', [
            ['swap', `(${text(node.left)}) ${swap} (${text(node.right)})`],
          ]);
        }
      } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
        add(node, fn, 'not', [['drop', `(${text(node.operand)})`]]);
      } else if (
        ts.isExpressionStatement(node) &&
        ts.isCallExpression(node.expression) &&
        CHECK_CALLS.has(node.expression.expression.getText(sf))
      ) {
        add(node, fn, `call-${node.expression.expression.getText(sf)}`, [['remove', '']], 'statement');
      }
    }
    ts.forEachChild(node, (child) => visit(child, fn, booleanReturn));
  };

  // The policy table: every role of every action switched in or out, every scope rule dropped.
  const policyTable = (statement) => {
    const findObject = (n) => (ts.isObjectLiteralExpression(n) ? n : ts.forEachChild(n, findObject));
    const table = findObject(statement);
    for (const row of table.properties) {
      const action = row.name.text;
      for (const cell of row.initializer.properties) {
        const key = cell.name.getText(sf);
        if (key === 'roles') {
          const roles = cell.initializer.elements.map((e) => e.text);
          add(
            cell,
            'POLICY',
            `${action}.roles`,
            ROLES.map((role) => {
              const mutated = roles.includes(role) ? roles.filter((r) => r !== role) : [...roles, role];
              return [`${roles.includes(role) ? '-' : '+'}${role}`, JSON.stringify(mutated), action];
            }),
            'getter:roles',
          );
        } else if (key === 'scope') {
          const rule = cell.initializer.text;
          const other = rule === 'none' ? 'within' : 'none';
          add(cell, 'POLICY', `${action}.scope`, [[other, JSON.stringify(other), action]], 'getter:scope');
        }
      }
    }
  };
  visit(sf, undefined, false);
  return points;
}

/**
 * The file with every point switched: `(__m('id') ? mutated : original)` for an expression,
 * `if (!__m('id')) { statement }` for a statement, a getter for a table cell. Inner points stay
 * switchable inside the original of an outer one.
 */
function instrument(source, points) {
  const sorted = [...points].sort((a, b) => a.start - b.start || b.end - a.end);
  const emit = (start, end, inner) => {
    let out = '';
    let at = start;
    for (let i = 0; i < inner.length; i++) {
      const p = inner[i];
      if (p.start < at) continue;
      const nested = inner.filter((q) => q !== p && q.start >= p.start && q.end <= p.end);
      out += source.slice(at, p.start);
      const original = emit(p.start, p.end, nested);
      out += wrap(p, original);
      at = p.end;
    }
    return out + source.slice(at, end);
  };
  const wrap = (p, original) => {
    if (p.shape === 'statement') return `if (!__m(${JSON.stringify(p.mutants[0].id)})) { ${original} }`;
    if (p.shape.startsWith('getter:')) {
      const key = p.shape.slice('getter:'.length);
      const value = original.slice(original.indexOf(':') + 1).trim();
      const chain = p.mutants.map((m) => `__m(${JSON.stringify(m.id)}) ? ${m.replacement} : `).join('');
      return `get ${key}() { return ${chain}${value}; }`;
    }
    const chain = p.mutants
      .map((m) => `__m(${JSON.stringify(m.id)}) ? (${m.replacement || 'undefined'}) : `)
      .join('');
    return `(${chain}(${original}))`;
  };
  return `const __m = (id: string): boolean => (globalThis as { __JICENG_MUTANT__?: string }).__JICENG_MUTANT__ === id;\n${emit(0, source.length, sorted)}`;
}

/** Survivors the matrix test explains: its SURVIVING_MUTANTS, read from the file. */
async function explained() {
  const test = await readFile(join(gateway, 'test', 'gateway-authorisation-matrix.test.ts'), 'utf8');
  const block = /SURVIVING_MUTANTS[^=]*=\s*\{([\s\S]*?)\n\};/.exec(test)?.[1] ?? '';
  return new Map([...block.matchAll(/'([^']+)':\s*\n?\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => [m[1], m[2]]));
}

const sources = new Map();
const mutants = [];
for (const file of FILES) {
  const path = join(gateway, file);
  const source = await readFile(path, 'utf8');
  const points = pointsOf(file, source);
  sources.set(path, instrument(source, points));
  for (const p of points)
    mutants.push(...p.mutants.map((m) => ({ id: m.id, ...(m.action ? { action: m.action } : {}) })));
}
const chosen = mutants.filter((_, i) => i % sample === 0);
if (flag('list')) {
  for (const m of chosen) process.stdout.write(`${m.id}\n`);
  process.exit(0);
}

const dir = await mkdtemp(join(tmpdir(), 'jiceng-authz-mutants-'));
await writeFile(join(dir, 'mutants.json'), JSON.stringify(chosen));
const started = performance.now();
const { startVitest } = await import('vitest/node');
const log = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);
log(
  `authz-mutants: ${chosen.length} of ${mutants.length} mutants of ${FILES.join(', ')}${sample > 1 ? ` (every ${sample}th)` : ''}`,
);
process.env.JICENG_AUTHZ_MUTANTS = dir;
const vitest = await startVitest(
  'test',
  [],
  {
    root: gateway,
    config: join(gateway, 'vitest.config.ts'),
    include: ['test/authz-mutants.run.ts'],
    watch: false,
    reporters: [json ? 'dot' : 'default'],
    silent: true,
  },
  {
    plugins: [
      {
        name: 'jiceng-authz-mutants',
        enforce: 'pre',
        load(id) {
          return sources.get(id.split('?')[0]);
        },
      },
    ],
  },
);
await vitest?.close();
let results = [];
try {
  results = JSON.parse(await readFile(join(dir, 'results.json'), 'utf8'));
} catch {
  log('authz-mutants: the run gave no results (the matrix failed before the first mutant: see above)');
  process.exit(1);
}
const why = await explained();
const survivors = results.filter((r) => !r.killed);
const unexplained = survivors.filter((r) => !why.has(r.id));
const seconds = (performance.now() - started) / 1000;
for (const s of survivors)
  log(`  survived ${s.id}${why.has(s.id) ? ` — explained: ${why.get(s.id)}` : ' — UNEXPLAINED'}`);
const killed = results.length - survivors.length;
log(
  `authz-mutants: ${killed}/${results.length} killed (${((killed / Math.max(1, results.length)) * 100).toFixed(1)}%), ${survivors.length - unexplained.length} explained, ${unexplained.length} unexplained, ${seconds.toFixed(0)} s`,
);
if (json) {
  process.stdout.write(
    `${JSON.stringify({ total: results.length, of: mutants.length, killed, explained: survivors.length - unexplained.length, unexplained: unexplained.map((s) => s.id), seconds })}\n`,
  );
}
if (flag('keep')) log(`authz-mutants: results kept in ${dir}`);
else await rm(dir, { recursive: true, force: true });
process.exit(unexplained.length === 0 && results.length === chosen.length ? 0 : 1);
