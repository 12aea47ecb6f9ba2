import {
  buildOrgTree,
  linkTrees,
  type OrgLevel,
  type OrgRow,
  type OrgSubtype,
  type OrgTree,
  pathOf,
  type TreeKind,
} from '@jiceng/domain';
import { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { announceChange } from '../changes.js';
import { convertDriverError, InvalidInputError, StoredDataInvalidError } from '../errors.js';
import { BATCH, chunks, likeEscape } from '../sql.js';

/**
 * One node of an organisation tree. `path` is the materialised path (`/330102/330102001/`),
 * so a subtree is one indexed prefix query; `position` keeps the input order of siblings.
 * Codes are unique across both trees of a county.
 */
export interface OrgNodeRow {
  code: string;
  kind: TreeKind;
  parentCode: string | null;
  level: OrgLevel;
  subtype: OrgSubtype | null;
  name: string;
  divisionCode: string | null;
  /** On a party node: the administrative node it meets (`linkTrees`). */
  counterpart: string | null;
  path: string;
  depth: number;
  position: number;
}

export const OrgNodeSchema = new EntitySchema<OrgNodeRow>({
  name: 'OrgNodeRow',
  tableName: 'org_node',
  properties: {
    code: { type: 'string', primary: true, length: 64 },
    kind: { type: 'string', length: 16 },
    parentCode: { type: 'string', length: 64, nullable: true },
    level: { type: 'string', length: 32 },
    subtype: { type: 'string', length: 16, nullable: true },
    name: { type: 'string', length: 200 },
    divisionCode: { type: 'string', length: 12, nullable: true },
    counterpart: { type: 'string', length: 64, nullable: true },
    path: { type: 'text' },
    depth: { type: 'integer' },
    position: { type: 'integer' },
  },
  indexes: [
    { name: 'org_node_kind_path_idx', properties: ['kind', 'path'] },
    { name: 'org_node_parent_idx', properties: ['parentCode'] },
  ],
});

/** Stores and loads organisation trees. */
export class OrgRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Replaces a whole tree in one transaction, after the domain rules accept it: a refused tree
   * (cycles, orphans, wrong nesting, …, or one that breaks the links between the two trees)
   * raises {@link InvalidInputError} and changes nothing.
   */
  async replaceTree(kind: TreeKind, rows: readonly OrgRow[]): Promise<OrgTree> {
    try {
      return await this.em.fork().transactional((tx) => writeTreeRows(tx, kind, rows));
    } catch (error) {
      convertDriverError(error, `an organisation node of the ${kind} tree`);
    }
  }

  /**
   * Replaces both trees in one transaction, the links between them checked once both are written
   * (`checkTreeLinks`): how to change what the two trees share, such as a grid and its party
   * group. Without `party`, the party tree is removed.
   */
  async replaceTrees(
    administrative: readonly OrgRow[],
    party: readonly OrgRow[] | undefined,
  ): Promise<{ administrative: OrgTree; party: OrgTree | undefined }> {
    try {
      return await this.em.fork().transactional(async (tx) => {
        const a = await writeTreeRows(tx, 'administrative', administrative, { checkLinks: false });
        if (party === undefined) {
          // No party tree, nothing to meet.
          await tx.nativeDelete(OrgNodeSchema, { kind: 'party' });
          return { administrative: a, party: undefined };
        }
        const p = await writeTreeRows(tx, 'party', party, { checkLinks: false });
        await checkTreeLinks(tx, { administrative: a, party: p });
        return { administrative: a, party: p };
      });
    } catch (error) {
      convertDriverError(error, 'an organisation node');
    }
  }

  /** Loads a whole tree and its index; `undefined` when none is stored. */
  async loadTree(kind: TreeKind): Promise<OrgTree | undefined> {
    const rows = await readTreeRows(this.em.fork(), kind);
    if (rows.length === 0) return undefined;
    const built = buildOrgTree(rows, { kind });
    if (!built.ok) throw new StoredDataInvalidError(`${kind} tree`, built.issues);
    return built.value;
  }

  /** Nodes by code in one query, in the order asked; unknown codes are left out. */
  async findByCodes(codes: readonly string[]): Promise<OrgNodeRow[]> {
    if (codes.length === 0) return [];
    const rows = await this.em.fork().find(OrgNodeSchema, { code: { $in: [...new Set(codes)] } });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes.flatMap((c) => byCode.get(c) ?? []);
  }

  /** A node and everything under it, in one prefix query on the materialised path. */
  async subtree(code: string): Promise<OrgNodeRow[]> {
    const em = this.em.fork();
    const root = await em.findOne(OrgNodeSchema, { code });
    if (root === null) return [];
    return em
      .createQueryBuilder(OrgNodeSchema)
      .select('*')
      .where({ kind: root.kind })
      .andWhere(`path like ? escape '\\'`, [`${likeEscape(root.path)}%`])
      .orderBy({ path: 'asc' })
      .getResultList();
  }
}

/**
 * Replaces a tree's rows inside the caller's transaction, after the domain rules accept them
 * (else {@link InvalidInputError}, nothing written): materialised paths, depths and positions in
 * the tree's order, in batched inserts. `replaceTree` runs it in a transaction of its own; a
 * repository that changes a tree as part of a larger write (a re-partition) calls it in its own.
 */
export async function writeTreeRows(
  tx: EntityManager,
  kind: TreeKind,
  rows: readonly OrgRow[],
  options: { readonly checkLinks?: boolean } = {},
): Promise<OrgTree> {
  const built = buildOrgTree(rows, { kind });
  if (!built.ok) throw new InvalidInputError(built.issues);
  const tree = built.value;
  const records: OrgNodeRow[] = tree.nodes.map((node, i) => ({
    code: node.code,
    kind,
    parentCode: node.parentCode,
    level: node.level,
    subtype: node.subtype ?? null,
    name: node.name,
    divisionCode: node.divisionCode ?? null,
    counterpart: node.counterpart ?? null,
    path: `${pathOf(tree, node.code)}/`,
    depth: tree.depths[i]!,
    position: i,
  }));
  await tx.nativeDelete(OrgNodeSchema, { kind });
  for (const batch of chunks(records, BATCH)) await tx.insertMany(OrgNodeSchema, batch);
  if (options.checkLinks ?? true) await checkTreeLinks(tx, { [kind]: tree });
  await announceChange(tx, 'org_trees');
  return tree;
}

/**
 * Checks, inside the caller's transaction, that the stored trees still meet where the party tree
 * says (`linkTrees`): a tree write that would leave a party node pointing at a node that is gone,
 * or out of nesting, raises {@link InvalidInputError} with the domain's issues and rolls back.
 * Nothing to check until both trees are stored. A write that changes both trees at once checks
 * after the second (`writeTreeRows(…, { checkLinks: false })` for the first). Trees the caller
 * has just written and built are passed in, so only the others are read back.
 */
export async function checkTreeLinks(
  tx: EntityManager,
  written: Partial<Record<TreeKind, OrgTree>> = {},
): Promise<void> {
  const stored = async (kind: TreeKind): Promise<OrgTree | undefined> => {
    if (written[kind] !== undefined) return written[kind];
    const rows = await readTreeRows(tx, kind);
    if (rows.length === 0) return undefined;
    const built = buildOrgTree(rows, { kind });
    if (!built.ok) throw new InvalidInputError(built.issues);
    return built.value;
  };
  const administrative = await stored('administrative');
  const party = administrative === undefined ? undefined : await stored('party');
  if (administrative === undefined || party === undefined) return;
  const links = linkTrees(administrative, party);
  if (!links.ok) throw new InvalidInputError(links.issues);
}

/** A tree's rows as stored, in tree order, through the caller's entity manager. */
export async function readTreeRows(em: EntityManager, kind: TreeKind): Promise<OrgRow[]> {
  const rows = await em.find(
    OrgNodeSchema,
    { kind },
    {
      orderBy: { position: 'asc' },
      fields: ['code', 'parentCode', 'level', 'subtype', 'name', 'divisionCode', 'counterpart'],
      disableIdentityMap: true,
    },
  );
  return rows.map(toOrgRow);
}

function toOrgRow(
  row: Pick<
    OrgNodeRow,
    'code' | 'parentCode' | 'level' | 'subtype' | 'name' | 'divisionCode' | 'counterpart'
  >,
): OrgRow {
  return {
    code: row.code,
    parentCode: row.parentCode,
    level: row.level,
    name: row.name,
    ...(row.subtype === null ? {} : { subtype: row.subtype }),
    ...(row.divisionCode === null ? {} : { divisionCode: row.divisionCode }),
    ...(row.counterpart === null ? {} : { counterpart: row.counterpart }),
  };
}
