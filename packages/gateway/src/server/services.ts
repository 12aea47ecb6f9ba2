import { createProfileCatalog, type OrgTree, type ProfileCatalog, type TreeKind } from '@jiceng/domain';
import { type Database, OrgRepository, ProfileDocumentRepository } from '@jiceng/persistence';
import type { AccessLog, GatewayServices } from './context.js';

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
export async function createGatewayServices(
  db: Database,
  accessLog: AccessLog = stderrAccessLog,
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
    return { administrative: await repo.loadTree('administrative'), party: await repo.loadTree('party') };
  };
  let trees: Record<TreeKind, OrgTree | undefined> = await loadTrees();
  return {
    db,
    accessLog,
    profiles: () => catalog,
    reloadProfiles: async () => {
      catalog = await load();
    },
    orgTree: (kind) => trees[kind],
    reloadOrgTrees: async () => {
      trees = await loadTrees();
    },
  };
}
