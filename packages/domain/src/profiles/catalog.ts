import { z } from 'zod';
import { issue, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result, unwrap } from '../shared/result.js';
import {
  type ParsedProfileDocument,
  type ProfileDocument,
  type ProfileSettings,
  profileDocumentSchema,
  withPosition,
} from './document.js';
import type { ProfileIssue, ProfileIssueCode } from './issues.js';
import type { ProfileChanges } from './merge.js';
import { referenceProfileInput } from './reference/index.js';
import { referenceProfile } from './reference/resolved.js';
import { type ProfileHistory, profileAt, resolveHistory, resolveSnapshot, settingsOf } from './resolve.js';
import { type RuleProfile, ruleProfileSchema } from './schema.js';

const {
  id: _id,
  name: _name,
  version: _version,
  effectiveFrom: _from,
  ...referenceSettings
} = referenceProfileInput;

/** The reference county's profile in document form: one version, no parent. */
export const referenceProfileDocument: ProfileDocument = {
  id: referenceProfileInput.id,
  name: referenceProfileInput.name,
  versions: [
    {
      version: referenceProfileInput.version,
      effectiveFrom: referenceProfileInput.effectiveFrom,
      changes: referenceSettings as ProfileChanges<ProfileSettings>,
    },
  ],
};

/**
 * Resolves and validates the reference profile from its source files. What `referenceProfile` holds,
 * already resolved (scripts/reference-resolved.ts writes it; a test keeps the two equal), so that
 * scoring with the reference rules does not load the schema validator.
 */
export function resolveReferenceProfile(): RuleProfile {
  return unwrap(resolveHistory(referenceProfileDocument, undefined)).versions[0]!;
}

const referenceHistory: ProfileHistory = {
  id: referenceProfile.id,
  name: referenceProfile.name,
  versions: [referenceProfile],
};

/** Every county profile known to an application, resolved and validated up front. */
export interface ProfileCatalog {
  /** Profile ids, parents before children. */
  readonly ids: readonly string[];
  history(id: string): ProfileHistory | undefined;
  /**
   * The profile in force for a county on a date.
   *
   * @example
   * catalog.profileAt('example_county', '2026-03-01')
   */
  profileAt(id: string, date: string): Result<RuleProfile, ProfileIssueCode>;
}

/**
 * Resolves county documents (each optionally extending another, ultimately the reference
 * profile) into a catalog. Reports every problem at once: unknown parents, cycles, duplicate
 * ids, and each version's invalid settings with the path (and line) where it was written.
 *
 * A document with the reference profile's id and no parent continues the built-in reference:
 * its versions follow the built-in ones (a later year's holiday schedule, say), and every profile
 * extending `reference` sees them.
 *
 * @example
 * const catalog = unwrap(createProfileCatalog([parseResult.value]));
 * const rules = unwrap(catalog.profileAt('example_county', '2026-07-01'));
 */
export function createProfileCatalog(
  documents: readonly (ProfileDocument | ParsedProfileDocument)[],
  options: { includeReference?: boolean } = {},
): Result<ProfileCatalog, ProfileIssueCode> {
  const sources = documents.map((d) => ('document' in d ? d : undefined));
  const docs = documents.map((d) => ('document' in d ? d.document : d));
  const includeReference = options.includeReference ?? true;
  const issues: ProfileIssue[] = [];
  const byId = new Map<string, number>();
  let reference = referenceHistory;
  docs.forEach((doc, i) => {
    if (includeReference && doc.id === referenceProfileDocument.id && !byId.has(doc.id)) {
      const continued = continueReference(doc);
      if (continued.ok) reference = continued.value;
      else issues.push(...continued.issues.map((p) => located(p, sources[i])));
      byId.set(doc.id, -1);
      return;
    }
    if (byId.has(doc.id)) {
      issues.push(
        located(
          issue(
            'PROFILE_DUPLICATE_ID',
            { zh: `配置编号“${doc.id}”重复`, en: `profile id "${doc.id}" is defined twice` },
            ['id'],
            { id: doc.id, document: i },
          ),
          sources[i],
        ),
      );
    } else {
      byId.set(doc.id, i);
    }
  });

  const histories = new Map<string, ProfileHistory>();
  if (includeReference) histories.set(reference.id, reference);
  if (includeReference) byId.delete(referenceProfileDocument.id);
  const order: string[] = includeReference ? [reference.id] : [];
  const state = new Map<string, 'visiting' | 'done' | 'failed'>();

  const visit = (id: string, chain: readonly string[]): boolean => {
    if (histories.has(id) && state.get(id) === undefined) return true;
    const seen = state.get(id);
    if (seen === 'done') return true;
    if (seen === 'failed') return false;
    const index = byId.get(id)!;
    const doc = docs[index]!;
    if (seen === 'visiting') {
      const cycle = [...chain.slice(chain.indexOf(id)), id].join(' → ');
      issues.push(
        located(
          issue(
            'PROFILE_EXTENDS_CYCLE',
            { zh: `配置继承关系成环：${cycle}`, en: `profiles extend each other in a cycle: ${cycle}` },
            ['extends'],
            { cycle },
          ),
          sources[index],
        ),
      );
      return false;
    }
    state.set(id, 'visiting');
    let parent: ProfileHistory | undefined;
    if (doc.extends !== undefined) {
      if (!byId.has(doc.extends) && !histories.has(doc.extends)) {
        issues.push(
          located(
            issue(
              'PROFILE_UNKNOWN_PARENT',
              {
                zh: `配置“${id}”继承的“${doc.extends}”不存在`,
                en: `profile "${id}" extends "${doc.extends}", which is not defined`,
              },
              ['extends'],
              { parent: doc.extends },
            ),
            sources[index],
          ),
        );
        state.set(id, 'failed');
        return false;
      }
      if (!visit(doc.extends, [...chain, id])) {
        state.set(id, 'failed');
        return false;
      }
      parent = histories.get(doc.extends);
    }
    const resolved = resolveHistory(doc, parent);
    if (!resolved.ok) {
      issues.push(...resolved.issues.map((p) => located(p, sources[index])));
      state.set(id, 'failed');
      return false;
    }
    histories.set(id, resolved.value);
    order.push(id);
    state.set(id, 'done');
    return true;
  };
  for (const id of byId.keys()) visit(id, []);
  if (issues.length > 0) return fail(issues);

  return ok({
    ids: order,
    history: (id) => histories.get(id),
    profileAt: (id, date) => {
      const history = histories.get(id);
      if (history === undefined) {
        return fail([
          issue(
            'PROFILE_NOT_FOUND',
            { zh: `没有编号为“${id}”的配置`, en: `no profile with id "${id}"` },
            [],
            { id },
          ),
        ]);
      }
      return profileAt(history, date);
    },
  });
}

/** The built-in reference history followed by a stored document's later versions. */
function continueReference(doc: ProfileDocument): Result<ProfileHistory, ProfileIssueCode> {
  const builtIn = referenceProfileDocument.versions;
  const last = builtIn[builtIn.length - 1]!.effectiveFrom;
  const first = doc.versions[0]?.effectiveFrom;
  if (doc.extends !== undefined || (first !== undefined && first <= last)) {
    return fail([
      issue(
        doc.extends !== undefined ? 'PROFILE_DUPLICATE_ID' : 'PROFILE_VERSION_ORDER',
        doc.extends !== undefined
          ? {
              zh: `“${doc.id}”是内置参考配置的编号：只能追加新版本，不能继承其他配置`,
              en: `"${doc.id}" is the built-in reference profile: it can only gain later versions, not extend another profile`,
            }
          : {
              zh: `参考配置的新版本须晚于内置版本（${last}），${first} 不晚于它`,
              en: `later versions of the reference profile must take effect after its built-in one (${last}); ${first} does not`,
            },
        doc.extends !== undefined ? ['extends'] : ['versions', 0, 'effectiveFrom'],
        { id: doc.id },
      ),
    ]);
  }
  return resolveHistory({ ...referenceProfileDocument, versions: [...builtIn, ...doc.versions] }, undefined);
}

function located(problem: ProfileIssue, source: ParsedProfileDocument | undefined): ProfileIssue {
  return source === undefined ? problem : withPosition(problem, source.locate, source.fileName);
}

/** What `defineRuleProfile` takes: identity, plus any changes to the base profile. */
export type RuleProfileDefinition = ProfileChanges<ProfileSettings> & {
  readonly id: string;
  readonly name?: LocalizedText;
  readonly version: string;
  readonly effectiveFrom: string;
};

/**
 * The TypeScript way to write a county profile: changes on top of a base (the reference
 * profile unless given), merged, validated and returned complete and frozen. Returns the
 * issues instead of throwing; see {@link defineRuleProfile} for the throwing form.
 */
export function safeDefineRuleProfile(
  definition: RuleProfileDefinition,
  base: RuleProfile = referenceProfile,
): Result<RuleProfile, ProfileIssueCode> {
  const { id, name, version, effectiveFrom, ...changes } = definition;
  return resolveSnapshot(settingsOf(base), [{ changes, label: version, documentPath: [] }], {
    id,
    name: name ?? base.name,
    version,
    effectiveFrom,
    extends: base.id,
  });
}

/**
 * Defines a county profile in code; throws a `JicengError` listing every problem.
 *
 * @example
 * const county = defineRuleProfile({
 *   id: 'example_county', version: '2026.1', effectiveFrom: '2026-01-01',
 *   grid: { households: { target: 250 } },
 *   points: { items: [{ code: 'volunteer_service', points: 2 }] },
 * });
 */
export function defineRuleProfile(definition: RuleProfileDefinition, base?: RuleProfile): RuleProfile {
  return unwrap(safeDefineRuleProfile(definition, base));
}

/**
 * Where the profile document's JSON Schema is published: the file `profile.schema.json` that
 * `@jiceng/domain` ships (`import … from '@jiceng/domain/profile.schema.json'`, or a county
 * YAML's `# yaml-language-server: $schema=` line pointing at this URL or at the file in
 * `node_modules`).
 */
export const PROFILE_SCHEMA_ID = 'https://unpkg.com/@jiceng/domain/profile.schema.json';

/**
 * JSON Schemas for editors: `document` validates what a county writes (with `$schema` in
 * the file, VS Code and others complete and check it); `profile` describes a resolved profile.
 * `document` is the schema shipped as `profile.schema.json` (a test keeps the file equal to it).
 */
export function ruleProfileJsonSchemas(): { document: object; profile: object } {
  const { $schema, ...document } = z.toJSONSchema(profileDocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    document: {
      $schema,
      $id: PROFILE_SCHEMA_ID,
      title: 'Jiceng county rule profile 县级规则配置',
      ...document,
    },
    profile: z.toJSONSchema(ruleProfileSchema, { io: 'output', unrepresentable: 'any' }),
  };
}
