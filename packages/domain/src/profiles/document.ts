import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { type IssuePath, issue } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { fromSchemaIssues, type ProfileIssue, type ProfileIssueCode, profilePathText } from './issues.js';
import type { ProfileChanges } from './merge.js';
import {
  codeSchema,
  localDateSchema,
  localizedTextSchema,
  type RuleProfile,
  ruleProfileObjectSchema,
} from './schema.js';

/** The settings part of a profile: everything except its identity and version. */
export type ProfileSettings = Omit<RuleProfile, 'id' | 'name' | 'version' | 'effectiveFrom' | 'extends'>;

/**
 * One version of a county's profile document: from `effectiveFrom` on, these changes apply on
 * top of the previous version (or, for the first, on top of the profile it extends).
 */
export interface ProfileDocumentVersion {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly note?: string;
  readonly changes: ProfileChanges<ProfileSettings>;
}

/**
 * The form a county edits: JSON or YAML, an optional parent, and its versions in date order.
 * History is only ever appended to, so a past total computed again gives the same answer.
 */
export interface ProfileDocument {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly extends?: string;
  readonly versions: readonly ProfileDocumentVersion[];
}

const settingsShape = ruleProfileObjectSchema.omit({
  id: true,
  name: true,
  version: true,
  effectiveFrom: true,
  extends: true,
});

/**
 * Rebuilds a schema so that every part may be left out, keyed lists accept partial entries
 * (with their `code` and an optional `remove`), and unknown keys are still refused. Cross-field
 * checks are dropped here: they run on the merged profile, where they can see the whole.
 */
function changesSchema(schema: z.ZodType): z.ZodType {
  const rebuilt = rebuildForChanges(schema);
  return schema.description !== undefined && rebuilt !== schema
    ? rebuilt.describe(schema.description)
    : rebuilt;
}

function rebuildForChanges(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return changesSchema(schema.unwrap() as z.ZodType);
  }
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      shape[key] = changesSchema(value).optional();
    }
    return z.strictObject(shape);
  }
  if (schema instanceof z.ZodRecord) {
    return z.record(schema.keyType as z.ZodString, changesSchema(schema.valueType as z.ZodType));
  }
  if (schema instanceof z.ZodArray) {
    const element = schema.element as z.ZodType;
    if (element instanceof z.ZodObject && 'code' in element.shape) {
      const partial = changesSchema(element) as z.ZodObject;
      return z.array(partial.extend({ code: codeSchema, remove: z.boolean().optional() }));
    }
    return schema;
  }
  return schema;
}

const versionSchema = z.strictObject({
  version: z.string().min(1).max(64),
  effectiveFrom: localDateSchema,
  note: z.string().optional(),
  changes: changesSchema(settingsShape).default({}),
});

/** Validates the shape of a profile document (not yet the merged result). */
export const profileDocumentSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    id: codeSchema,
    name: localizedTextSchema,
    extends: codeSchema.optional(),
    versions: z.array(versionSchema).min(1),
  })
  .describe('A Jiceng county rule profile document: an optional parent and dated versions of changes.');

/** A position in the source text, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A document parsed from text, which can point at the line a problem is on. */
export interface ParsedProfileDocument {
  readonly document: ProfileDocument;
  readonly fileName: string | undefined;
  /** Where in the text a document path is, when it is there. */
  locate(path: IssuePath): SourcePosition | undefined;
}

/**
 * Parses and checks a profile written as YAML or JSON (JSON is read by the same parser).
 * Every problem names its path and, when it can, its line and column.
 *
 * @example
 * const parsed = parseProfileDocument(yamlText, { fileName: 'county.yaml' });
 * if (!parsed.ok) for (const i of parsed.issues) console.log(i.code, i.message.zh);
 */
export function parseProfileDocument(
  text: string,
  options: { fileName?: string } = {},
): Result<ParsedProfileDocument, ProfileIssueCode> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return issue(
          'PROFILE_SYNTAX',
          {
            zh: `语法错误${pos ? `（第 ${pos.line} 行第 ${pos.col} 列）` : ''}：${e.message}`,
            en: `syntax error${pos ? ` (line ${pos.line}, column ${pos.col})` : ''}: ${e.message}`,
          },
          [],
          pos
            ? { line: pos.line, column: pos.col, fileName: options.fileName }
            : { fileName: options.fileName },
        );
      }),
    );
  }
  const locate = (path: IssuePath): SourcePosition | undefined => {
    let node: unknown = doc.contents;
    for (const segment of path) {
      if (isMap(node)) node = node.get(segment, true);
      else if (isSeq(node) && typeof segment === 'number') node = node.get(segment, true);
      else return undefined;
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range === undefined) return undefined;
    const { line, col } = lineCounter.linePos(range[0]);
    return { line, column: col };
  };
  const checked = checkProfileDocument(doc.toJS({ maxAliasCount: 100 }));
  if (!checked.ok) return fail(checked.issues.map((i) => withPosition(i, locate, options.fileName)));
  return ok({ document: checked.value, fileName: options.fileName, locate });
}

/** Checks a document that is already a JS value (for example, imported JSON). */
export function checkProfileDocument(value: unknown): Result<ProfileDocument, ProfileIssueCode> {
  const parsed = profileDocumentSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    return fail(fromSchemaIssues(parsed.error.issues, [], documentKeysAt).map((i) => namedByCode(i, value)));
  }
  const document = parsed.data as ProfileDocument;
  const issues: ProfileIssue[] = [];
  document.versions.forEach((v, i) => {
    const prev = document.versions[i - 1];
    if (prev !== undefined && v.effectiveFrom <= prev.effectiveFrom) {
      issues.push(
        issue(
          'PROFILE_VERSION_ORDER',
          {
            zh: `版本须按生效日期从早到晚排列：${v.effectiveFrom} 不晚于上一版本的 ${prev.effectiveFrom}`,
            en: `versions must be in order of effective date: ${v.effectiveFrom} is not after ${prev.effectiveFrom}`,
          },
          ['versions', i, 'effectiveFrom'],
        ),
      );
    }
  });
  return issues.length > 0 ? fail(issues.map((problem) => namedByCode(problem, value))) : ok(document);
}

/** An issue with `details.at`: its path with list entries named by their code. */
function namedByCode(problem: ProfileIssue, document: unknown): ProfileIssue {
  return { ...problem, details: { ...problem.details, at: profilePathText(problem.path, document) } };
}

type JsonSchemaNode = {
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly additionalProperties?: JsonSchemaNode | boolean;
  readonly items?: JsonSchemaNode;
  readonly anyOf?: readonly JsonSchemaNode[];
  readonly oneOf?: readonly JsonSchemaNode[];
  readonly allOf?: readonly JsonSchemaNode[];
};

let documentJsonSchema: JsonSchemaNode | undefined;

/** The settings a document may have at `path`, read from its JSON Schema (built on first need). */
function documentKeysAt(path: IssuePath): readonly string[] {
  documentJsonSchema ??= z.toJSONSchema(profileDocumentSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  const alternatives = (node: JsonSchemaNode): JsonSchemaNode[] => [
    node,
    ...[...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])].flatMap(alternatives),
  ];
  let nodes = alternatives(documentJsonSchema);
  for (const segment of path) {
    nodes = nodes
      .flatMap((node) => {
        if (typeof segment === 'number') return node.items === undefined ? [] : [node.items];
        const next = node.properties?.[segment] ?? node.additionalProperties;
        return typeof next === 'object' ? [next] : [];
      })
      .flatMap(alternatives);
  }
  return [...new Set(nodes.flatMap((node) => Object.keys(node.properties ?? {})))];
}

/** Adds the source position to an issue's details and messages when the path is in the text. */
export function withPosition(
  problem: ProfileIssue,
  locate: (path: IssuePath) => SourcePosition | undefined,
  fileName: string | undefined,
): ProfileIssue {
  const pos = locate(problem.path) ?? locateNearest(problem.path, locate);
  if (pos === undefined && fileName === undefined) return problem;
  const where = [fileName, pos ? `${pos.line}:${pos.column}` : undefined].filter(Boolean).join(':');
  return {
    ...problem,
    message: {
      zh: `${problem.message.zh}（${where}）`,
      en: `${problem.message.en} (${where})`,
    },
    details: { ...problem.details, fileName, ...(pos ? { line: pos.line, column: pos.column } : {}) },
  };
}

/** A missing key has no node of its own: point at the closest parent that exists. */
function locateNearest(
  path: IssuePath,
  locate: (path: IssuePath) => SourcePosition | undefined,
): SourcePosition | undefined {
  for (let n = path.length - 1; n >= 0; n--) {
    const pos = locate(path.slice(0, n));
    if (pos !== undefined) return pos;
  }
  return undefined;
}
