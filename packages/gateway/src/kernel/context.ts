import type { Locale, OrgTree, ProfileCatalog, TreeKind, TreeLinks } from '@jiceng/domain';
import type { Database, EntityManager } from '@jiceng/persistence';
import type { Principal } from '../auth/principal.js';
import { requestCancelled } from './errors.js';

/** One read of a full personal value (resident ID, phone): who, what, when, why it was allowed. */
export interface AccessLogEntry {
  readonly at: string;
  readonly requestId: string;
  readonly subject: string;
  readonly role: string;
  readonly field: string;
  readonly recordId: string;
}

/** Where full-value reads are written. The default appends JSON lines to the server log. */
export interface AccessLog {
  record(entry: AccessLogEntry): void;
}

/** Long-lived state shared by all requests (the gateway itself is stateless across instances). */
export interface GatewayServices {
  readonly db: Database;
  /** Rule profiles: the reference county plus every stored county document. */
  profiles(): ProfileCatalog;
  /** Re-reads stored profile documents after a write. */
  reloadProfiles(): Promise<void>;
  /**
   * The organisation trees with their index, held in memory: every permission check is an
   * `isWithin` on them, two integer comparisons, with no query per node.
   */
  orgTree(kind: TreeKind): OrgTree | undefined;
  /** Where the two trees meet (`linkTrees`); undefined until both are stored. */
  treeLinks(): TreeLinks | undefined;
  /** Re-reads the trees after a write. */
  reloadOrgTrees(): Promise<void>;
  readonly accessLog: AccessLog;
  /** Stops listening for other gateways' changes (when `watchChanges` was on); idempotent. */
  close(): Promise<void>;
}

/**
 * The DataLoaders of one request, created on first use by the area that needs them, so a nested
 * list costs one batched query per kind of row instead of one per row.
 */
export interface RequestLoaders {
  /** The loader set registered under `key` for this request, made by `create` on first use. */
  get<T>(key: symbol, create: () => T): T;
}

/**
 * An empty set of loaders for a new request.
 *
 * @example
 * const loaders = createRequestLoaders();
 * loaders.get(KEY, () => new DataLoader(batch)) === loaders.get(KEY, () => new DataLoader(batch)); // true
 */
export function createRequestLoaders(signal?: AbortSignal): RequestLoaders {
  const made = new Map<symbol, unknown>();
  return {
    get<T>(key: symbol, create: () => T): T {
      // A request whose client went away starts no more database work.
      if (signal?.aborted) throw requestCancelled();
      if (!made.has(key)) made.set(key, create());
      return made.get(key) as T;
    },
  };
}

/** What every resolver receives: built fresh per request. */
export interface GatewayContext {
  readonly principal: Principal;
  readonly locale: Locale;
  readonly requestId: string;
  readonly now: Date;
  /**
   * A MikroORM fork for this request only: its identity map dies with the request. Reading it
   * after the client went away throws `REQUEST_CANCELLED`, so abandoned work stops at its next
   * database access.
   */
  readonly em: EntityManager;
  /** Aborted when the client goes away before the answer is sent. */
  readonly signal?: AbortSignal;
  /** Per-request DataLoaders over `em`. */
  readonly loaders: RequestLoaders;
  readonly services: GatewayServices;
  /** Signs download links of reports for this caller (the HTTP server's `/exports/…`); absent off HTTP. */
  readonly reportLinks?: ReportLinks;
}

/**
 * Short-lived download links 下载链接 of exported reports: a link names the report and the caller
 * it was signed for, and the server writes the report as that caller when the link is fetched.
 */
export interface ReportLinks {
  sign(
    request: Readonly<Record<string, unknown>>,
    principal: Principal,
    now: Date,
  ): { readonly path: string; readonly expiresAt: Date };
}
