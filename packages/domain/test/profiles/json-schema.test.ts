import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROFILE_SCHEMA_ID, ruleProfileJsonSchemas } from '@jiceng/domain';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../../../', import.meta.url).pathname;
const shipped = JSON.parse(readFileSync(join(root, 'packages/domain/profile.schema.json'), 'utf8'));

/** Every county profile written in the repository: YAML files, and the YAML examples in docs. */
function profilesInRepository(): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name) && !name.startsWith('pnpm-')) {
        found.push({ where: relative(root, path), text: readFileSync(path, 'utf8') });
      } else if (name.endsWith('.md')) {
        for (const [i, m] of [...readFileSync(path, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].entries()) {
          if (/^versions:/m.test(m[1] ?? ''))
            found.push({ where: `${relative(root, path)} (yaml block ${i + 1})`, text: m[1] ?? '' });
        }
      }
    }
  };
  walk(root);
  return found;
}

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(shipped);
}

describe('the profile JSON Schema editors use', () => {
  it('is shipped as profile.schema.json, equal to the one the code derives, with its $id', () => {
    expect(shipped).toEqual(ruleProfileJsonSchemas().document);
    expect(shipped.$id).toBe(PROFILE_SCHEMA_ID);
    const manifest = JSON.parse(readFileSync(join(root, 'packages/domain/package.json'), 'utf8'));
    expect(manifest.exports['./profile.schema.json']).toBe('./profile.schema.json');
    expect(manifest.files).toContain('profile.schema.json');
  });

  it('accepts every profile in the repository, read as YAML 1.2 and as YAML 1.1 tools read it', () => {
    const validate = validator();
    const profiles = profilesInRepository();
    expect(profiles.map((p) => p.where)).toEqual(
      expect.arrayContaining(['examples/county-profile/county.yaml', 'docs/profiles.md (yaml block 1)']),
    );
    for (const { where, text } of profiles) {
      // YAML 1.1 readers (js-yaml, ajv-cli) turn an unquoted 2025-01-01 into a date, which is no string.
      for (const version of ['1.2', '1.1'] as const) {
        const ok = validate(parse(text, { version }));
        expect({ where, version, errors: ok ? [] : validate.errors }).toEqual({ where, version, errors: [] });
      }
    }
  });

  it('refuses impossible dates as the parser does', () => {
    const validate = validator();
    const profile = (effectiveFrom: string) => ({
      id: 'c',
      name: { zh: '县', en: 'County' },
      extends: 'reference',
      versions: [{ version: '2026.1', effectiveFrom, changes: {} }],
    });
    expect(validate(profile('2026-01-01'))).toBe(true);
    expect(validate(profile('2024-02-29'))).toBe(true);
    for (const impossible of ['2025-02-30', '2026-13-20', '2025-02-29', '2026-04-31', '2026-1-1']) {
      expect(validate(profile(impossible)), impossible).toBe(false);
    }
  });
});
