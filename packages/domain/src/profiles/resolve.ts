import type { LocalizedText } from '../shared/errors.js';
import { type IssuePath, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import type { ProfileDocument, ProfileSettings } from './document.js';
import { fromSchemaIssues, type ProfileIssue, type ProfileIssueCode } from './issues.js';
import { applyChanges, changedPaths, deepFreeze, isKeyedList, isPlainObject } from './merge.js';
import { type RuleProfile, ruleProfileSchema } from './schema.js';

/** Identity of one resolved version. */
export interface SnapshotMeta {
  readonly id: string;
  readonly name: LocalizedText;
  readonly version: string;
  readonly effectiveFrom: string;
  readonly extends?: string;
}

/** One step of changes, with where it sits in its document (for error paths). */
export interface ChangeStep {
  readonly changes: unknown;
  readonly label: string;
  readonly documentPath: IssuePath;
}

/** Settings of a resolved profile, without its identity. */
export function settingsOf(profile: RuleProfile): ProfileSettings {
  const {
    id: _id,
    name: _name,
    version: _version,
    effectiveFrom: _from,
    extends: _extends,
    ...settings
  } = profile;
  return settings;
}

/**
 * Applies steps of changes on top of `base` (a parent's settings, or nothing for a root
 * profile), marks what a child changed as the county's own in `provenance`, validates the whole
 * and freezes it. Problems point into the document when the offending value came from it.
 */
export function resolveSnapshot(
  base: ProfileSettings | undefined,
  steps: readonly ChangeStep[],
  meta: SnapshotMeta,
): Result<RuleProfile, ProfileIssueCode> {
  let current: unknown = base ?? {};
  const issues: ProfileIssue[] = [];
  for (const step of steps) {
    const merged = applyChanges(current, step.changes, step.documentPath);
    issues.push(...merged.issues);
    current = merged.value;
    if (base !== undefined) current = markCountyChanges(current, step.changes, `${meta.id} ${step.label}`);
  }
  if (issues.length > 0) return fail(issues);
  const candidate = { ...(current as object), ...meta };
  const parsed = ruleProfileSchema.safeParse(candidate, { reportInput: true });
  if (!parsed.success) {
    return fail(
      fromSchemaIssues(parsed.error.issues).map((problem) =>
        pointIntoDocument(problem, candidate, steps, meta),
      ),
    );
  }
  return ok(deepFreeze(parsed.data) as RuleProfile);
}

function markCountyChanges(settings: unknown, changes: unknown, note: string): unknown {
  if (!isPlainObject(settings)) return settings;
  const provenance: Record<string, unknown> = isPlainObject(settings['provenance'])
    ? { ...settings['provenance'] }
    : {};
  const explicit =
    isPlainObject(changes) && isPlainObject(changes['provenance']) ? changes['provenance'] : {};
  for (const path of changedPaths(changes)) {
    if (path === 'provenance' || path.startsWith('provenance.')) continue;
    for (const key of Object.keys(provenance)) {
      if ((key === path || key.startsWith(`${path}.`)) && !(key in explicit)) delete provenance[key];
    }
    if (!(path in explicit)) provenance[path] = { source: 'county', note };
  }
  return { ...settings, provenance };
}

/**
 * Re-expresses an issue found on the merged profile as a path in the document that set the
 * offending value, newest step first; keyed list indices are matched by code.
 */
function pointIntoDocument(
  problem: ProfileIssue,
  merged: unknown,
  steps: readonly ChangeStep[],
  meta: SnapshotMeta,
): ProfileIssue {
  for (let s = steps.length - 1; s >= 0; s--) {
    const step = steps[s]!;
    const inPatch = translatePath(problem.path, merged, step.changes);
    if (inPatch !== undefined) return { ...problem, path: [...step.documentPath, ...inPatch] };
  }
  const note = {
    zh: `（${meta.id} 自 ${meta.effectiveFrom} 起的合并结果）`,
    en: ` (in ${meta.id} as of ${meta.effectiveFrom})`,
  };
  return {
    ...problem,
    message: { zh: problem.message.zh + note.zh, en: problem.message.en + note.en },
    details: { ...problem.details, profile: meta.id, effectiveFrom: meta.effectiveFrom },
  };
}

function translatePath(path: IssuePath, merged: unknown, changes: unknown): IssuePath | undefined {
  const out: (string | number)[] = [];
  let m: unknown = merged;
  let c: unknown = changes;
  for (const [n, segment] of path.entries()) {
    if (out.length > 0 && isPlainObject(c) && typeof segment === 'string' && !(segment in c)) {
      // The value was left out of (or is inherited under) what the document wrote here.
      return [...out, ...path.slice(n)];
    }
    if (typeof segment === 'number' && Array.isArray(m) && isKeyedList(c)) {
      const code = (m[segment] as { code?: unknown } | undefined)?.code;
      const at = c.findIndex((entry) => entry['code'] === code);
      if (at === -1) return undefined;
      out.push(at);
      m = m[segment];
      c = c[at];
    } else if (typeof segment === 'number' && Array.isArray(m) && Array.isArray(c)) {
      out.push(segment);
      m = m[segment];
      c = c[segment];
    } else if (typeof segment === 'string' && isPlainObject(c) && segment in c) {
      out.push(segment);
      m = isPlainObject(m) ? m[segment] : undefined;
      c = c[segment];
    } else {
      return undefined;
    }
  }
  return out;
}

/** All resolved versions of one profile, oldest first. */
export interface ProfileHistory {
  readonly id: string;
  readonly name: LocalizedText;
  readonly extends?: string;
  readonly versions: readonly RuleProfile[];
}

/**
 * The version in force on `date`: the last whose `effectiveFrom` is on or before it.
 *
 * @example
 * profileAt(history, '2026-06-30') // the 2025 version when the next starts on 2026-07-01
 */
export function profileAt(history: ProfileHistory, date: string): Result<RuleProfile, ProfileIssueCode> {
  let lo = 0;
  let hi = history.versions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (history.versions[mid]!.effectiveFrom <= date) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  const profile = history.versions[found];
  if (profile === undefined) {
    const first = history.versions[0]?.effectiveFrom ?? '—';
    return fail([
      issue(
        'PROFILE_NO_VERSION_AT_DATE',
        {
          zh: `配置“${history.id}”在 ${date} 尚未生效（最早版本自 ${first} 起）`,
          en: `profile "${history.id}" has no version in force on ${date} (its first starts on ${first})`,
        },
        [],
        { profile: history.id, date, firstEffectiveFrom: first },
      ),
    ]);
  }
  return ok(profile);
}

/**
 * Resolves a document against its parent's history into a history of complete profiles. A
 * version boundary is any date on which the document or its parent changes.
 */
export function resolveHistory(
  document: ProfileDocument,
  parent: ProfileHistory | undefined,
): Result<ProfileHistory, ProfileIssueCode> {
  const first = document.versions[0]!.effectiveFrom;
  const dates = new Set(document.versions.map((v) => v.effectiveFrom));
  if (parent !== undefined) {
    for (const p of parent.versions) if (p.effectiveFrom > first) dates.add(p.effectiveFrom);
  }
  const versions: RuleProfile[] = [];
  const issues = new Map<string, ProfileIssue>();
  for (const date of [...dates].sort()) {
    const applied = document.versions.map((v, i) => ({ v, i })).filter(({ v }) => v.effectiveFrom <= date);
    const own = applied[applied.length - 1]!.v;
    let base: ProfileSettings | undefined;
    let label = own.version;
    if (parent !== undefined) {
      const inherited = profileAt(parent, date);
      if (!inherited.ok) {
        for (const problem of inherited.issues)
          issues.set(problem.code + date, { ...problem, path: ['extends'] });
        continue;
      }
      base = settingsOf(inherited.value);
      if (inherited.value.effectiveFrom > own.effectiveFrom)
        label = `${own.version}+${parent.id}@${inherited.value.version}`;
    }
    const snapshot = resolveSnapshot(
      base,
      applied.map(({ v, i }) => ({
        changes: v.changes,
        label: v.version,
        documentPath: ['versions', i, 'changes'],
      })),
      {
        id: document.id,
        name: document.name,
        version: label,
        effectiveFrom: date,
        ...(document.extends === undefined ? {} : { extends: document.extends }),
      },
    );
    if (snapshot.ok) versions.push(snapshot.value);
    else
      for (const problem of snapshot.issues)
        issues.set(`${problem.code}|${problem.path.join('.')}|${problem.message.en}`, problem);
  }
  if (issues.size > 0) return fail([...issues.values()]);
  return ok({
    id: document.id,
    name: document.name,
    ...(document.extends === undefined ? {} : { extends: document.extends }),
    versions,
  });
}
