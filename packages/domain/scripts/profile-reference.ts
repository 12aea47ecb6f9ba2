// Renders docs/profile-reference.md from the rule profile's JSON Schema and the reference
// profile, so the reference never drifts from the code (a test compares them).
//   pnpm --filter @jiceng/domain profile-reference
import { writeFile } from 'node:fs/promises';
import { provenanceOf, referenceProfile, ruleProfileJsonSchemas } from '../src/index.js';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  pattern?: string;
}

const SOURCE = {
  seed: 'seed 种子材料',
  common_practice: 'common practice 通行做法',
  official_notice: 'official notice 官方通知',
  county: 'county 本县',
} as const;

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (s.const !== undefined) return `\`${String(s.const)}\``;
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.type === 'array') return `list of ${s.items ? typeOf(s.items) : 'values'}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return `map of ${typeOf(s.additionalProperties)}`;
  }
  return Array.isArray(s.type) ? s.type.join(' or ') : (s.type ?? 'any');
}

function limits(s: JsonSchema): string {
  const out: string[] = [];
  if (s.minimum !== undefined) out.push(`≥ ${s.minimum}`);
  if (s.exclusiveMinimum !== undefined) out.push(`> ${s.exclusiveMinimum}`);
  if (s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER) out.push(`≤ ${s.maximum}`);
  if (s.minItems !== undefined) out.push(`at least ${s.minItems}`);
  return out.join(', ');
}

function valueAt(path: string): unknown {
  let v: unknown = referenceProfile;
  for (const key of path.split('.')) v = (v as Record<string, unknown> | undefined)?.[key];
  return v;
}

function shown(value: unknown): string {
  if (value === undefined) return '—';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text.replace(/\|/g, '\\|');
}

function rows(schema: JsonSchema, path: string, out: string[]): void {
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const here = path === '' ? key : `${path}.${key}`;
    const required = schema.required?.includes(key) ? 'yes' : '';
    const source = provenanceOf(referenceProfile, here)?.source;
    const leaf = !child.properties && !here.includes('[]');
    out.push(
      `| \`${here}\` | ${typeOf(child)} | ${required} | ${limits(child)} | ${(child.description ?? '').replace(/\|/g, '\\|')} | ${leaf ? shown(valueAt(here)) : ''} | ${leaf && source ? SOURCE[source] : ''} |`,
    );
    if (child.properties) rows(child, here, out);
    if (child.type === 'array' && child.items?.properties) rows(child.items, `${here}[]`, out);
  }
}

/** The whole reference page as Markdown. */
export function renderProfileReference(): string {
  const schema = ruleProfileJsonSchemas().profile as JsonSchema;
  const sections = Object.entries(schema.properties ?? {}).filter(([, s]) => s.properties);
  const out = [
    '# Rule profile reference 规则配置参考',
    '',
    'Generated from the profile schema by `pnpm --filter @jiceng/domain profile-reference`; do not edit by hand.',
    'Each setting with its type, limits, description, the reference county’s value and where that value comes from.',
    'See [rule profiles](profiles.md) for how a county writes its own.',
    '',
  ];
  for (const [name, section] of sections) {
    out.push(`## \`${name}\``, '', section.description ?? '', '');
    out.push('| setting | type | required | limits | description | reference value | source |');
    out.push('|---|---|---|---|---|---|---|');
    rows(section, name, out);
    out.push('');
  }
  return `${out.join('\n')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeFile(new URL('../../../docs/profile-reference.md', import.meta.url), renderProfileReference());
  process.stdout.write('wrote docs/profile-reference.md\n');
}
