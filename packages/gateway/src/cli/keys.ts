import { parseArgs } from 'node:util';
import { type Database, loggableError, openDatabase, rotatePersonalDataKeys } from '@jiceng/persistence';
import type { GatewayServices } from '../kernel/context.js';
import { ConfigurationError } from '../server/mode.js';
import { type SecretsConfig, secretsFromEnv } from '../server/secrets.js';
import { createGatewayServices } from '../server/services.js';
import type { CliIo } from './io.js';

export const ROTATE_DATA_KEY_USAGE = `jiceng rotate-data-key [--db sqlite:./jiceng.db|postgres://…]
    After a change of JICENG_DATA_KEY or JICENG_DATA_LOOKUP_KEY: seal every resident ID and phone
    under the current key and hash it with the current lookup key, opening older values with
    JICENG_DATA_PREVIOUS_KEYS (and the keys a development database generated for itself). Then
    the previous keys may be dropped. Gateways may keep serving; running it again changes nothing.`;

/**
 * The keys and mode of the environment, or `undefined` after printing which rule a setting
 * breaks (the command then exits 1).
 */
export function secretsOrReport(io: CliIo): SecretsConfig | undefined {
  try {
    return secretsFromEnv(io.env);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    io.err(`配置错误 bad configuration: ${error.message}`);
    return undefined;
  }
}

/** Opens a database with the environment's personal-data keys, or reports why not (`undefined`). */
export async function openWithKeys(
  url: string,
  secrets: SecretsConfig,
  io: CliIo,
  options: { readonly migrate?: boolean } = {},
): Promise<Database | undefined> {
  try {
    return await openDatabase({ url, personalData: secrets.personalData, ...options });
  } catch (error) {
    io.err(`无法打开数据库 cannot open the database: ${loggableError(error).message}`);
    return undefined;
  }
}

/**
 * Runs `work` over the gateway's services on a database opened with the environment's keys (opening
 * may migrate, and a migration seals personal data), and closes both after. Exit 1, reported,
 * when the keys are missing or the database cannot be opened.
 */
export async function withGatewayServices(
  url: string,
  io: CliIo,
  work: (services: GatewayServices, db: Database) => Promise<number>,
): Promise<number> {
  const secrets = secretsOrReport(io);
  if (secrets === undefined) return 1;
  const db = await openWithKeys(url, secrets, io);
  if (db === undefined) return 1;
  try {
    const services = await createGatewayServices(db);
    try {
      return await work(services, db);
    } finally {
      await services.close();
    }
  } finally {
    await db.close();
  }
}

export async function rotateDataKeyCommand(args: readonly string[], io: CliIo): Promise<number> {
  let values: { db?: string | undefined };
  try {
    values = parseArgs({ args: [...args], options: { db: { type: 'string' } }, strict: true }).values;
  } catch (error) {
    io.err(`参数错误 bad arguments: ${(error as Error).message}`);
    return 2;
  }
  const secrets = secretsOrReport(io);
  if (secrets === undefined) return 1;
  const db = await openWithKeys(values.db ?? io.env['DATABASE_URL'] ?? 'sqlite:./jiceng.db', secrets, io);
  if (db === undefined) return 1;
  try {
    const summary = await rotatePersonalDataKeys(db);
    const under = Object.entries(summary.foundUnder)
      .map(([key, n]) => `${key} ${n}`)
      .join(', ');
    io.out(
      `已重新加密 resealed ${summary.resealed} and sealed ${summary.sealedFromClear} stored in clear, of ${summary.examined} personal values${under === '' ? '' : ` (found under: ${under})`}`,
    );
    return 0;
  } catch (error) {
    io.err(`无法重新加密 cannot reseal: ${loggableError(error).message}`);
    return 1;
  } finally {
    await db.close();
  }
}
