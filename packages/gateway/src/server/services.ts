import {
  createProfileCatalog,
  linkTrees,
  type OrgTree,
  type ProfileCatalog,
  type TreeKind,
  type TreeLinks,
} from '@jiceng/domain';
import {
  type ChangedData,
  type Database,
  OrgRepository,
  ProfileDocumentRepository,
  watchChanges,
} from '@jiceng/persistence';
import type { AccessLog, GatewayServices } from '../kernel/context.js';

/** Writes each full-value read of personal data as one JSON line on stderr. */
export const stderrAccessLog: AccessLog = {
  record: (entry) =>
    process.stderr.write(`${JSON.stringify({ level: 'audit', kind: 'personal_data_read', ...entry })}\n`),
};

/**
 * The gateway's long-lived services over an open database. Stored county profiles are read at
 * start and again after each write; a stored profile that no longer resolves stops the start
 * with its issues listed, rather than serving wrong rules.
 */
export interface ServiceOptions {
  /**
   * Reload profiles and trees when another gateway on the same PostgreSQL database changes them
   * (`watchChanges`: one listening connection). `jiceng serve` turns it on; off by default, so a
   * script or a test that makes services owns no extra connection.
   */
  readonly watchChanges?: boolean;
  /** A reload after another gateway's change failed (the old data stays in use). */
  readonly onReloadError?: (error: unknown) => void;
}

export async function createGatewayServices(
  db: Database,
  accessLog: AccessLog = stderrAccessLog,
  options: ServiceOptions = {},
): Promise<GatewayServices> {
  const load = async (): Promise<ProfileCatalog> => {
    const documents = await new ProfileDocumentRepository(db.em).all();
    const catalog = createProfileCatalog(documents);
    if (!catalog.ok) {
      throw new Error(
        `stored rule profiles do not resolve:\n${catalog.issues.map((i) => `  ${i.code} ${i.path.join('.')}: ${i.message.en}`).join('\n')}`,
      );
    }
    return catalog.value;
  };
  let catalog = await load();
  const loadTrees = async () => {
    const repo = new OrgRepository(db.em);
    const administrative = await repo.loadTree('administrative');
    const party = await repo.loadTree('party');
    let links: TreeLinks | undefined;
    if (administrative !== undefined && party !== undefined) {
      const linked = linkTrees(administrative, party);
      if (!linked.ok) {
        throw new Error(
          `the stored organisation trees do not meet where the party tree says:\n${linked.issues.map((i) => `  ${i.code} ${i.path.join('.')}: ${i.message.en}`).join('\n')}`,
        );
      }
      links = linked.value;
    }
    return { administrative, party, links };
  };
  let trees: Record<TreeKind, OrgTree | undefined> & { links: TreeLinks | undefined } = await loadTrees();
  const reloadProfiles = async () => {
    catalog = await load();
  };
  const reloadOrgTrees = async () => {
    trees = await loadTrees();
  };
  // Reloads one after another, so an older read never replaces a newer one.
  let reloading = Promise.resolve();
  const reload = (what: ChangedData | 'all') => {
    reloading = reloading
      .then(async () => {
        if (what !== 'org_trees') await reloadProfiles();
        if (what !== 'profiles') await reloadOrgTrees();
      })
      .catch((error: unknown) => options.onReloadError?.(error));
  };
  const watcher = options.watchChanges ? await watchChanges(db, { onChange: reload }) : undefined;
  let closed = false;
  return {
    db,
    accessLog,
    profiles: () => catalog,
    reloadProfiles,
    orgTree: (kind) => trees[kind],
    treeLinks: () => trees.links,
    reloadOrgTrees,
    close: async () => {
      if (closed) return;
      closed = true;
      await watcher?.close();
      await reloading;
    },
  };
}
