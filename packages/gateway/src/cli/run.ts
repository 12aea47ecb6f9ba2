import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  createProfileCatalog,
  type Issue,
  type Locale,
  type ProfileIssue,
  parseProfileDocument,
  ruleProfileJsonSchemas,
  summarizeProfile,
  unreachable,
} from '@jiceng/domain';
import { databaseSecret, loggableError, pendingSchemaDiff } from '@jiceng/persistence';
import type { DataLoad, SeedNotice } from '@jiceng/persistence/seed';
import { isRole } from '../auth/principal.js';
import { createTokenService, type TokenService } from '../auth/tokens.js';
import { gatewaySchemaSdl } from '../schema/index.js';
import { type RunningServer, StartError, startServer } from '../server/start.js';
import { chinaDate } from '../time.js';
import { CALENDAR_USAGE, calendarCommand } from './calendar.js';
import { EXPORT_USAGE, exportCommand } from './export.js';
import { IMPORT_USAGE, importCommand, TEMPLATE_USAGE, templateCommand } from './import.js';
import type { CliIo } from './io.js';
import { openWithKeys, ROTATE_DATA_KEY_USAGE, rotateDataKeyCommand, secretsOrReport } from './keys.js';
import { seedProgress } from './progress.js';

/** A command: its usage (what `jiceng help` lists and `jiceng COMMAND --help` prints) and its run. */
interface Command {
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

const SERVE_USAGE = `jiceng serve [--db sqlite:./jiceng.db|postgres://…] [--host 127.0.0.1] [--port 4000]
             [--cors-origin https://app.example.org ...] [--profile county.yaml ...]
             [--scale 1] [--no-seed] [--escalate-every 5]
    Start the GraphQL gateway: migrates the database, loads the reference county when it is
    empty (or again when a load never finished), validates and stores county profiles,
    prints the URL and a development token.
    Overdue resident requests are escalated at start and every N minutes (0: at start only).
    --port, else PORT, else 4000 (0 picks a free port); --db, else DATABASE_URL.
    --cors-origin (repeatable), else JICENG_CORS_ORIGINS (comma-separated): the browser origins
    allowed to call the gateway from another origin. Default: none in production (NODE_ENV),
    pages served from this machine (http://localhost:PORT) in development.`;

const MIGRATE_USAGE = `jiceng migrate [--db sqlite:./jiceng.db|postgres://…]
    Apply the committed migrations that are still pending, and report what ran.`;

const TOKEN_USAGE = `jiceng token --role ROLE --scope ORG_CODE [--subject ID] [--name NAME] [--hours 8]
             [--db sqlite:./jiceng.db|postgres://…]
    Issue a bearer token (roles: county_admin, street_admin, community_admin, branch_secretary,
    grid_worker, member, handling_unit; a handling unit's scope is its unit code), signed with
    JICENG_JWT_SECRET, or in development with the key the database generated for itself: the one
    \`jiceng serve\` on that database accepts.`;

const PROFILE_USAGE = `jiceng profile [--file county.yaml] [--id county_id] [--at YYYY-MM-DD] [--lang zh|en]
    Validate a county rule profile and print its summary (default: the reference county).
jiceng profile --json-schema
    Print the JSON Schema of profile documents, for editors.`;

const SCHEMA_USAGE = `jiceng schema
    Print the GraphQL schema (SDL).`;

/** Every command, in the order `jiceng help` lists them. */
const COMMANDS: ReadonlyMap<string, Command> = new Map<string, Command>([
  ['serve', { usage: SERVE_USAGE, run: serveCommand }],
  ['migrate', { usage: MIGRATE_USAGE, run: migrateCommand }],
  ['token', { usage: TOKEN_USAGE, run: tokenCommand }],
  ['profile', { usage: PROFILE_USAGE, run: profileCommand }],
  ['calendar', { usage: CALENDAR_USAGE, run: calendarCommand }],
  // Onboarding (issue #16): register imports.
  ['import', { usage: IMPORT_USAGE, run: importCommand }],
  ['template', { usage: TEMPLATE_USAGE, run: templateCommand }],
  ['export', { usage: EXPORT_USAGE, run: exportCommand }],
  ['rotate-data-key', { usage: ROTATE_DATA_KEY_USAGE, run: rotateDataKeyCommand }],
  ['schema', { usage: SCHEMA_USAGE, run: schemaCommand }],
]);

const USAGE = `jiceng — grassroots governance toolkit 基层治理工具包

Usage:
${[...COMMANDS.values()].map((c) => `  ${c.usage.replaceAll('\n', '\n  ')}`).join('\n')}
  jiceng help [COMMAND]   (or jiceng COMMAND --help)

Environment: JICENG_MODE (production|development, else NODE_ENV), JICENG_JWT_SECRET and
JICENG_DATA_KEY, JICENG_DATA_LOOKUP_KEY (required in production), JICENG_DATA_PREVIOUS_KEYS,
JICENG_OIDC_ISSUER, JICENG_OIDC_JWKS_URL, JICENG_OIDC_AUDIENCE (and docs/deployment.md),
DATABASE_URL, PORT, JICENG_CORS_ORIGINS, JICENG_LOG_LEVEL.
`;

/** Whether the arguments ask for help: `--help` or `-h` anywhere before a `--`. */
function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * Runs one CLI command and returns the process exit code. Bad input prints a clear message
 * (and every profile issue with its path and line) and returns 1 or 2; it never throws.
 * `--help` or `-h` after any command (or subcommand) prints that command's usage and returns 0.
 *
 * @example
 * process.exitCode = await runCli(['token', '--role', 'grid_worker', '--scope', '330102001001001'], io);
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = name === 'help' && rest[0] !== undefined ? COMMANDS.get(rest[0]) : undefined;
    io.out(topic?.usage ?? USAGE);
    return 0;
  }
  const command = COMMANDS.get(name);
  if (command === undefined) {
    io.err(`未知命令 unknown command: ${name}\n\n${USAGE}`);
    return 2;
  }
  if (asksForHelp(rest)) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof ArgumentError) {
      io.err(`参数错误 bad arguments: ${error.message}\n\n${command.usage}`);
      return 2;
    }
    // A fault: told as the request logs tell it, a statement's shape without its values, so no
    // name or phone of a failed write reaches the terminal (or a scheduler's log of it).
    const told = loggableError(error);
    io.err(`内部错误 internal error: ${told.stack ?? `${told.type}: ${told.message}`}`);
    return 1;
  }
}

class ArgumentError extends Error {}

function parse<T extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>(
  args: readonly string[],
  options: T,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ArgumentError((error as Error).message);
  }
}

async function schemaCommand(args: readonly string[], io: CliIo): Promise<number> {
  parse(args, {});
  io.out((await gatewaySchemaSdl()).trimEnd());
  return 0;
}

async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    db: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
    'cors-origin': { type: 'string', multiple: true },
    profile: { type: 'string', multiple: true },
    scale: { type: 'string' },
    'no-seed': { type: 'boolean' },
    'escalate-every': { type: 'string' },
  });
  const every = Number(values['escalate-every'] ?? 5);
  if (!(Number.isFinite(every) && every >= 0 && every <= 24 * 60))
    throw new ArgumentError(`--escalate-every must be 0–1440 minutes, got ${values['escalate-every']}`);
  const scale = Number(values.scale ?? 1);
  if (!(scale > 0 && scale <= 100))
    throw new ArgumentError(`--scale must be between 0 and 100, got ${values.scale}`);
  const [portSetting, portText] =
    values.port !== undefined ? ['--port', values.port] : ['PORT', io.env['PORT'] ?? '4000'];
  const port = portText.trim() === '' ? Number.NaN : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ArgumentError(`${portSetting} must be a port number 0–65535, got "${portText}"`);
  const corsOrigins = corsOriginsOf(values['cors-origin'], io.env['JICENG_CORS_ORIGINS']);
  const logLevel = logLevelOf(io.env['JICENG_LOG_LEVEL']);
  const loading = seedProgress(io);
  let server: RunningServer;
  try {
    server = await startServer({
      databaseUrl: values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db',
      host: values.host ?? '127.0.0.1',
      port,
      profileFiles: values.profile ?? [],
      env: io.env,
      seedWhenEmpty: !values['no-seed'],
      seedScale: scale,
      onSeedProgress: loading.onProgress,
      onSeedNotice: (notice) => io.err(seedNoticeLine(notice)),
      onListening: (address) =>
        io.err(`正在启动 starting at ${address} (answers 503 "starting" until ready)`),
      now: io.now,
      logLevel,
      escalateEveryMinutes: every,
      ...(corsOrigins === undefined ? {} : { corsOrigins }),
    });
  } catch (error) {
    loading.end();
    if (error instanceof StartError) {
      io.err(`无法启动 cannot start: ${error.message}`);
      for (const i of error.issues) io.err(`  ${i.code} ${placeOf(i)}: ${i.message.zh} / ${i.message.en}`);
      return 1;
    }
    // A failed load's statement carries residents' names: its shape only.
    io.err(`无法启动 cannot start: ${loggableError(error).message}`);
    return 1;
  }
  const loadTime = loading.end();
  if (server.seeded) {
    const s = server.seeded;
    io.out(
      `参考县已载入 reference county loaded${loadTime}: ${s.communities} 社区 communities, ${s.grids} 网格 grids, ${s.workers} 网格员 grid workers, ${s.partyMembers} 党员 party members, ${s.consultations} 协商 consultations`,
    );
  }
  if (server.escalated.examined > 0) {
    // Said even when nothing moved, so an operator sees the SLA clock ran.
    io.out(
      `逾期诉求已逐级上报 overdue requests escalated: ${server.escalated.escalated.length} of ${server.escalated.examined} examined`,
    );
  }
  for (const w of server.calendarWarnings) {
    io.err(`警告 warning ${w.code} (${w.profileId}): ${w.message.zh}`);
    io.err(`  ${w.message.en}`);
  }
  io.out(`Jiceng gateway: ${server.url}`);
  if (server.developmentToken !== undefined) {
    io.out(`GraphiQL: open ${server.url} in a browser (this token is filled in)`);
    io.out(`Development token (county_admin, 8 h): ${server.developmentToken}`);
    io.out('Other roles: pnpm jiceng token --role street_admin --scope 330102001 (see README)');
  }
  await (io.stopped ?? new Promise<void>(() => {}));
  await server.close();
  return 0;
}

async function migrateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, { db: { type: 'string' } });
  const url = values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db';
  // The keys too: a migration seals personal data stored in clear.
  const secrets = secretsOrReport(io);
  if (secrets === undefined) return 1;
  const db = await openWithKeys(url, secrets, io, { migrate: false });
  if (db === undefined) return 1;
  try {
    const applied = await db.orm.getMigrator().up();
    io.out(
      applied.length === 0
        ? '数据库已是最新 the database is up to date'
        : `已应用 applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`,
    );
    const pending = await pendingSchemaDiff(db);
    if (pending !== '') {
      io.err('警告 warning: the schema still differs from the mapping after migrating');
      return 1;
    }
    return 0;
  } finally {
    await db.close();
  }
}

/**
 * The browser origins allowed to call the gateway from elsewhere: `--cors-origin` (repeatable),
 * else JICENG_CORS_ORIGINS (comma-separated). Each is an origin exactly (`https://host[:port]`).
 * Undefined when neither is given: the gateway's default (pages on this machine in development).
 */
function corsOriginsOf(flags: readonly string[] | undefined, env: string | undefined): string[] | undefined {
  const [setting, list] =
    flags !== undefined && flags.length > 0
      ? ['--cors-origin', flags]
      : ['JICENG_CORS_ORIGINS', (env ?? '').split(',')];
  const origins = list.map((o) => o.trim()).filter((o) => o !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin)
      throw new ArgumentError(
        `${setting}: "${origin}" is not an origin; write it as scheme://host[:port], e.g. http://localhost:5173`,
      );
  }
  return origins.length > 0 ? origins : undefined;
}

/** `jiceng serve` logs requests as JSON lines (pino) at `info` unless JICENG_LOG_LEVEL says otherwise. */
function logLevelOf(value: string | undefined): 'silent' | 'error' | 'warn' | 'info' | 'debug' {
  if (value === undefined || value === '') return 'info';
  if (value === 'silent' || value === 'error' || value === 'warn' || value === 'info' || value === 'debug')
    return value;
  throw new ArgumentError(`JICENG_LOG_LEVEL must be silent, error, warn, info or debug, got "${value}"`);
}

/** What `serve` tells the operator before a load that is not a plain first one. */
function seedNoticeLine(notice: SeedNotice): string {
  const started = (load: DataLoad) =>
    `started at ${load.startedAt} (scale ${load.parameters['scale']}, seed ${load.parameters['seed']})`;
  switch (notice.action) {
    case 'redo':
      return `重新载入 redoing an unfinished load of the reference county ${started(notice.unfinished)}: clearing what it wrote and loading it again`;
    case 'wait':
      return `等待 waiting for another process's load of the reference county${notice.unfinished === undefined ? '' : ` ${started(notice.unfinished)}`}; this gateway starts once it is done`;
    default:
      return unreachable(notice, 'seed notice');
  }
}

async function tokenCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    role: { type: 'string' },
    scope: { type: 'string' },
    subject: { type: 'string' },
    name: { type: 'string' },
    hours: { type: 'string' },
    db: { type: 'string' },
  });
  if (!isRole(values.role) || values.role === 'public') {
    throw new ArgumentError(
      '--role must be one of county_admin, street_admin, community_admin, branch_secretary, grid_worker, member, handling_unit',
    );
  }
  if (values.scope === undefined || values.scope === '')
    throw new ArgumentError('--scope (an organisation code) is required');
  const hours = Number(values.hours ?? 8);
  if (!(hours > 0 && hours <= 24 * 30)) throw new ArgumentError('--hours must be between 0 and 720');
  const secrets = secretsOrReport(io);
  if (secrets === undefined) return 1;
  if (secrets.tokenKey.source === 'none') {
    io.err(
      '无法签发 cannot issue: production without JICENG_JWT_SECRET accepts only the identity provider’s tokens',
    );
    return 1;
  }
  let tokens: TokenService;
  if (secrets.tokenKey.source === 'configured') tokens = createTokenService(secrets.tokenKey.secret);
  else {
    // In development the key is the database's own: the one `serve` on the same database uses.
    const db = await openWithKeys(values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db', secrets, io);
    if (db === undefined) return 1;
    try {
      tokens = createTokenService(await databaseSecret(db.em, 'token_signing'));
    } finally {
      await db.close();
    }
  }
  const token = await tokens.issue(
    {
      subject: values.subject ?? `dev-${values.role}`,
      role: values.role,
      scope: values.scope,
      ...(values.name ? { name: values.name } : {}),
    },
    { now: io.now, expiresInSeconds: Math.round(hours * 3600) },
  );
  io.out(token);
  return 0;
}

async function profileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const values = parse(args, {
    file: { type: 'string' },
    id: { type: 'string' },
    at: { type: 'string' },
    lang: { type: 'string' },
    'json-schema': { type: 'boolean' },
  });
  if (values['json-schema']) {
    io.out(JSON.stringify(ruleProfileJsonSchemas().document, null, 2));
    return 0;
  }
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') {
    throw new ArgumentError(`--lang must be zh or en, got "${values.lang}"`);
  }
  const locale: Locale = values.lang === 'en' ? 'en' : 'zh';
  const documents = [];
  if (values.file !== undefined) {
    let text: string;
    try {
      text = await readFile(values.file, 'utf8');
    } catch (error) {
      io.err(`无法读取文件 cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      return 1;
    }
    const parsed = parseProfileDocument(text, { fileName: values.file });
    if (!parsed.ok) return reportIssues(parsed.issues, io, locale);
    documents.push(parsed.value);
  }
  const catalog = createProfileCatalog(documents);
  if (!catalog.ok) return reportIssues(catalog.issues, io, locale);
  const id = values.id ?? documents[0]?.document.id ?? 'reference';
  const profile = catalog.value.profileAt(id, values.at ?? chinaDate(io.now));
  if (!profile.ok) return reportIssues(profile.issues, io, locale);
  for (const line of summarizeProfile(profile.value, locale)) io.out(line);
  return 0;
}

/** Where an issue is, list entries named by their code when the issue says (`details.at`). */
function placeOf(i: Issue<string>): string {
  const at = i.details?.['at'];
  return typeof at === 'string' ? at : i.path.join('.');
}

function reportIssues(issues: readonly ProfileIssue[], io: CliIo, locale: Locale): number {
  io.err(
    locale === 'zh'
      ? `规则配置有 ${issues.length} 处问题：`
      : `The rule profile has ${issues.length} problem(s):`,
  );
  for (const i of issues) {
    const where = i.path.length > 0 ? ` ${placeOf(i)}` : '';
    io.err(`  ${i.code}${where}: ${i.message[locale]}`);
  }
  return 1;
}
