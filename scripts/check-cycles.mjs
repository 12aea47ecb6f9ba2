#!/usr/bin/env node
// No import cycles inside a package (issue #15): files in a loop can be neither read, moved nor
// split one at a time, and once a value travels along the loop, module evaluation order decides
// whether it is defined yet when the other file's top level runs.
//
// What is checked: within each packages/*/src, the relative imports between .ts files, read with
// the TypeScript parser (already a dev dependency) so that comments and strings do not count:
// `import … from`, `import '…'`, `export … from` and `import('…')`, type-only ones included.
// `import type` creates no runtime cycle, but a loop made of types still ties the files together
// (the one issue #15 names, database.ts -> org/org-nodes.ts -> changes.ts, was made of types), and
// breaking it costs one small module holding the shared type.
// Imports of other packages are the business of check-layers.mjs. Each cycle is listed (the
// shortest through each file of a loop), one line per cycle, and the script exits 1.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './source-files.mjs';

const root = new URL('..', import.meta.url).pathname;

/** The relative specifiers a file imports, types included. */
function relativeImports(file) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specs = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      specs.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier) specs.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specs.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specs.filter((spec) => spec.startsWith('.'));
}

/** './x.js' from a/b.ts → a/x.ts (or a/x/index.ts); undefined when it is not a .ts file of ours. */
function resolveSpec(from, spec, known) {
  const base = resolve(dirname(from), spec);
  const stem = base.replace(/\.(js|ts|mjs|mts)$/, '');
  for (const candidate of [`${stem}.ts`, join(base, 'index.ts')]) {
    if (known.has(candidate)) return candidate;
  }
  return undefined;
}

/** Tarjan's strongly connected components; each one with a cycle in it. */
function cyclicComponents(graph) {
  let index = 0;
  const indexOf = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (v) => {
    indexOf.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v), indexOf.get(w)));
      }
    }
    if (low.get(v) === indexOf.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v).has(v)) found.push(new Set(component));
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) connect(v);
  return found;
}

/** The shortest cycle through `start` that stays inside `component` (breadth first). */
function shortestCycle(graph, component, start) {
  const previous = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift();
    for (const w of graph.get(v)) {
      if (!component.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (previous.get(path[0]) !== undefined) path.unshift(previous.get(path[0]));
        return path;
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return undefined;
}

const cycles = [];
const packages = readdirSync(join(root, 'packages')).filter((name) =>
  statSync(join(root, 'packages', name, 'src'), { throwIfNoEntry: false })?.isDirectory(),
);
for (const pkg of packages.sort()) {
  const src = join(root, 'packages', pkg, 'src');
  const known = new Set(sourceFiles(src));
  const graph = new Map();
  for (const file of known) {
    const targets = new Set();
    for (const spec of relativeImports(file)) {
      const target = resolveSpec(file, spec, known);
      if (target) targets.add(target);
    }
    graph.set(file, targets);
  }
  // One line per distinct cycle: the shortest through each file of a component, rotated so the
  // same cycle found from two of its files is listed once.
  for (const component of cyclicComponents(graph)) {
    const seen = new Set();
    for (const file of [...component].sort()) {
      const cycle = shortestCycle(graph, component, file);
      if (!cycle) continue;
      const first = cycle.indexOf([...cycle].sort()[0]);
      const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
      const key = rotated.join('\n');
      if (seen.has(key)) continue;
      seen.add(key);
      cycles.push([...rotated, rotated[0]].map((f) => relative(root, f)).join(' -> '));
    }
  }
}

if (cycles.length > 0) {
  process.stderr.write(
    `Import cycles inside a package's src (type-only imports included; see scripts/check-cycles.mjs):\n${cycles.map((c) => `  ${c}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `cycles: no import cycles inside ${packages.map((p) => `packages/${p}/src`).join(', ')}\n`,
);
