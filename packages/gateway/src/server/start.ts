import { readFile } from 'node:fs/promises';
import {
  createProfileCatalog,
  type LocalDate,
  type ParsedProfileDocument,
  type ProfileIssue,
  parseProfileDocument,
} from '@jiceng/domain';
import {
  type EscalationSweep,
  loggableError,
  openDatabase,
  ProfileDocumentRepository,
} from '@jiceng/persistence';
import {
  type ReferenceCountySummary,
  type SeedNotice,
  type SeedProgress,
  seedReferenceCounty,
} from '@jiceng/persistence/seed';
import { type CalendarWarning, calendarWarnings } from '../calendar/status.js';
import type { Open311Settings } from '../open311/routes.js';
import { advancingFrom, chinaDate } from '../time.js';
import { type ConcurrencyLimits, DEFAULT_CONCURRENCY } from './admission.js';
import { createGateway } from './app.js';
import { startEscalationSweeps } from './escalation.js';
import { ConfigurationError } from './mode.js';
import {
  localTokens,
  reportLinkKey,
  type SecretsConfig,
  secretsFromEnv,
  tokenVerifierOf,
} from './secrets.js';
import { createGatewayServices } from './services.js';
import { ListenError, listenWhileStarting, type StartingState } from './starting.js';

export interface StartOptions {
  /** `sqlite:./jiceng.db` (default), `sqlite::memory:` or `postgres://…`. */
  readonly databaseUrl: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** County profile documents (YAML/JSON files) to validate and store before serving. */
  readonly profileFiles: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** Load the reference county when the database holds no organisation tree (default true). */
  readonly seedWhenEmpty?: boolean;
  /** Size factor of the reference county (1 = the seed street). */
  readonly seedScale?: number;
  /**
   * Date the reference county around the start day (the default), or load the fixed year 2025
   * (`false`): the same county on any day, for demonstrations and tests that script it.
   */
  readonly seedAroundToday?: boolean;
  /** Where loading progress goes (`jiceng serve` draws a bar on stderr). */
  readonly onSeedProgress?: (progress: SeedProgress) => void;
  /** Told when the load redoes one that never finished, or waits for another process's. */
  readonly onSeedNotice?: (notice: SeedNotice) => void;
  /** The moment the server starts at: the seed's "today", and where the escalation clock starts. */
  readonly now?: Date;
  /** Structured JSON request logs (pino); `silent` unless given. */
  readonly logLevel?: 'silent' | 'error' | 'warn' | 'info' | 'debug';
  /**
   * Minutes between escalation sweeps of overdue resident requests (`startEscalationSweeps`);
   * one sweep always runs at start. 0 runs only that one. Default 5.
   */
  readonly escalateEveryMinutes?: number;
  /**
   * Browser origins allowed to call the gateway from elsewhere (CORS). Default: none in
   * production, pages from this machine in development (see `GatewayOptions.corsOrigins`).
   */
  readonly corsOrigins?: readonly string[];
  /**
   * Told the address as soon as the port is held, before the load: from then on it answers
   * (`/healthz` 200 starting, everything else 503 with Retry-After) until the gateway takes over.
   */
  readonly onListening?: (address: string) => void;
}

export class StartError extends Error {
  override readonly name = 'StartError';
  constructor(
    message: string,
    readonly issues: readonly ProfileIssue[] = [],
  ) {
    super(message);
  }
}

/** A running gateway. */
export interface RunningServer {
  readonly url: string;
  /** What was loaded, when the database was empty at start. */
  readonly seeded: ReferenceCountySummary | undefined;
  /** The escalation sweep run at start. */
  readonly escalated: EscalationSweep;
  /** Profiles whose working-day calendar runs out within 60 days (or has run out). */
  readonly calendarWarnings: readonly CalendarWarning[];
  /**
   * Outside production: a county administrator's token for 8 hours (the reference county, or
   * `330102`), also filled into GraphiQL at the URL. Undefined in production.
   */
  readonly developmentToken: string | undefined;
  close(): Promise<void>;
}

/**
 * Opens (and migrates) the database, stores the given county profiles after checking that
 * they resolve, and starts the HTTP server.
 *
 * @example
 * const server = await startServer({ databaseUrl: 'sqlite:./jiceng.db', host: '127.0.0.1', port: 4000, profileFiles: [], env: process.env });
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  // Keys and mode first: a weak secret or an unknown mode stops the start before anything opens.
  let secrets: SecretsConfig;
  try {
    secrets = secretsFromEnv(options.env);
  } catch (error) {
    if (error instanceof ConfigurationError) throw new StartError(error.message);
    throw error;
  }
  const parsed: ParsedProfileDocument[] = [];
  for (const file of options.profileFiles) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new StartError(
        `cannot read profile ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      );
    }
    const result = parseProfileDocument(text, { fileName: file });
    if (!result.ok) throw new StartError(`profile ${file} is not valid`, result.issues);
    parsed.push(result.value);
  }
  const replicaUrls = (options.env['DATABASE_REPLICA_URLS'] ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  const db = await openDatabase({
    url: options.databaseUrl,
    replicaUrls,
    personalData: secrets.personalData,
  });
  // What to stop, newest first, if the start fails half way (and on close).
  const started: (() => Promise<void>)[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const s of started.splice(0).reverse()) await s();
    await db.close();
  };
  try {
    // The port is held from here on, so a slow first load answers "starting", not "refused".
    const starting: StartingState = {};
    const holding = await listenWhileStarting(options.host, options.port, starting).catch((error) => {
      throw error instanceof ListenError ? new StartError(error.message) : error;
    });
    started.push(() => holding.close());
    options.onListening?.(`http://${hostInUrl(options.host)}:${holding.port}`);
    const repo = new ProfileDocumentRepository(db.em);
    const stored = (await repo.all()).filter((d) => !parsed.some((p) => p.document.id === d.id));
    const catalog = createProfileCatalog([...stored, ...parsed]);
    if (!catalog.ok) throw new StartError('county profiles do not resolve', catalog.issues);
    for (const p of parsed) await repo.save(p.document);
    let seeded: ReferenceCountySummary | undefined;
    if (options.seedWhenEmpty ?? true) {
      // Loads an empty database, or redoes a load that never finished; nothing when loaded.
      seeded = await seedReferenceCounty(db, {
        scale: options.seedScale ?? 1,
        today: chinaDate(options.now ?? new Date()) as LocalDate,
        aroundToday: options.seedAroundToday ?? true,
        onProgress: (progress) => {
          starting.progress = progress;
          options.onSeedProgress?.(progress);
        },
        ...(options.onSeedNotice ? { onNotice: options.onSeedNotice } : {}),
      });
    }
    const services = await createGatewayServices(db, undefined, {
      watchChanges: true,
      onReloadError: (error) =>
        process.stderr.write(
          `reload after another gateway's change failed: ${loggableError(error).message}\n`,
        ),
    });
    started.push(() => services.close());
    const environment = secrets.mode;
    const tokens = await localTokens(secrets, db);
    const developmentToken =
      environment === 'production' || tokens === undefined
        ? undefined
        : await tokens.issue(
            {
              subject: 'dev-county-admin',
              role: 'county_admin',
              scope: seeded?.county ?? '330102',
              name: '开发者',
            },
            { now: options.now ?? new Date(), expiresInSeconds: 8 * 3600 },
          );
    const linkKey = await reportLinkKey(secrets, db);
    const app = await createGateway({
      services,
      tokens: tokenVerifierOf(secrets, tokens),
      ...(linkKey === undefined ? {} : { reportLinkKey: linkKey }),
      environment,
      ...(developmentToken === undefined ? {} : { ide: { token: developmentToken } }),
      ...(options.corsOrigins === undefined ? {} : { corsOrigins: options.corsOrigins }),
      ...(options.logLevel === undefined ? {} : { logLevel: options.logLevel }),
      concurrency: concurrencyFromEnv(options.env),
      open311: open311FromEnv(options.env),
    });
    started.push(() => app.close());
    const sweeps = startEscalationSweeps(services, {
      everyMinutes: options.escalateEveryMinutes ?? 5,
      // From the given start moment, advancing with the real clock (a fixed `now` would sweep
      // the same instant forever).
      ...(options.now === undefined ? {} : { now: advancingFrom(options.now) }),
      onSweep: (sweep, at) => {
        if (sweep.escalated.length > 0 || sweep.skipped.length > 0)
          app.log.info(
            {
              at,
              examined: sweep.examined,
              escalated: sweep.escalated.length,
              skipped: sweep.skipped.length,
            },
            'escalation sweep',
          );
      },
      onError: (error) => app.log.error({ err: error }, 'escalation sweep failed'),
    });
    started.push(() => sweeps.stop());
    const escalated: EscalationSweep = await sweeps.first;
    await holding.close();
    const address = await app.listen({ host: options.host, port: holding.port });
    return {
      url: `${address}/graphql`,
      seeded,
      escalated,
      calendarWarnings: calendarWarnings(services, options.now ?? new Date()),
      developmentToken,
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A host as it goes in a URL: an IPv6 address in brackets. */
function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * What Open311 discovery says, and the jurisdiction it serves: `JICENG_PUBLIC_URL` (the gateway's
 * address as clients reach it, `https://…`), `JICENG_OPEN311_JURISDICTION`, `JICENG_OPEN311_CONTACT`,
 * `JICENG_OPEN311_KEY_SERVICE`; each optional.
 */
function open311FromEnv(env: NodeJS.ProcessEnv): Open311Settings {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const publicUrl = read('JICENG_PUBLIC_URL');
  if (publicUrl !== undefined && !/^https?:\/\/[^/\s]+(\/\S*)?$/i.test(publicUrl))
    throw new StartError(
      `JICENG_PUBLIC_URL must be an http(s) address such as https://gateway.example.cn, got "${publicUrl}"`,
    );
  const settings = {
    publicUrl,
    jurisdictionId: read('JICENG_OPEN311_JURISDICTION'),
    contact: read('JICENG_OPEN311_CONTACT'),
    keyService: read('JICENG_OPEN311_KEY_SERVICE'),
  };
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
}

/**
 * `JICENG_MAX_CONCURRENT` (requests running at once, default 16) and
 * `JICENG_MAX_CONCURRENT_PER_CALLER` (per verified caller, default 4).
 */
function concurrencyFromEnv(env: NodeJS.ProcessEnv): ConcurrencyLimits {
  const read = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 10_000)
      throw new StartError(`${name} must be a whole number from 1 to 10000, got "${raw}"`);
    return n;
  };
  const total = read('JICENG_MAX_CONCURRENT', DEFAULT_CONCURRENCY.total);
  const perPrincipal = read(
    'JICENG_MAX_CONCURRENT_PER_CALLER',
    Math.min(DEFAULT_CONCURRENCY.perPrincipal, total),
  );
  if (perPrincipal > total)
    throw new StartError(
      `JICENG_MAX_CONCURRENT_PER_CALLER (${perPrincipal}) exceeds JICENG_MAX_CONCURRENT (${total})`,
    );
  return { total, perPrincipal };
}
