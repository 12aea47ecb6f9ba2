import { randomBytes } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';

/**
 * Keys a database generates for itself on first use, when none are configured: development only.
 * A copy of the database carries them, so they protect nothing against whoever holds the copy;
 * they exist so that `jiceng serve` and `jiceng token` agree on a fresh machine without a secret
 * written in the source.
 *
 * - `token_signing`: the HS256 key of the gateway's own bearer tokens.
 * - `data_key`: the AES-256-GCM key of personal data at rest.
 * - `data_lookup`: the HMAC-SHA256 key of the lookup hashes of personal data.
 */
export type InstanceSecretName = 'token_signing' | 'data_key' | 'data_lookup';

/** A generated secret as stored in `instance_secret`. */
export interface InstanceSecretRow {
  name: string;
  /** 32 random bytes, base64. */
  value: string;
  /** ISO 8601 instant. */
  createdAt: string;
}

export const InstanceSecretSchema = new EntitySchema<InstanceSecretRow>({
  name: 'InstanceSecretRow',
  tableName: 'instance_secret',
  properties: {
    name: { type: 'string', primary: true, length: 32 },
    value: { type: 'string', length: 64 },
    createdAt: { type: 'string', length: 40 },
  },
});

/** Runs one statement with bound values: an entity manager's connection, or a migration's. */
export type Execute = (sql: string, params: unknown[]) => Promise<readonly Record<string, unknown>[]>;

/**
 * The secret of that name stored in the database, generated (32 random bytes) and stored the
 * first time it is asked for. Two processes asking at once get the same one: the first insert
 * wins and both read it back.
 *
 * @example
 * const key = await instanceSecret((sql, params) => em.getConnection().execute(sql, params), 'token_signing');
 */
export async function instanceSecret(execute: Execute, name: InstanceSecretName): Promise<Uint8Array> {
  await execute(
    'insert into instance_secret (name, value, created_at) values (?, ?, ?) on conflict (name) do nothing',
    [name, randomBytes(32).toString('base64'), new Date().toISOString()],
  );
  const [row] = await execute('select value from instance_secret where name = ?', [name]);
  if (row === undefined || typeof row['value'] !== 'string')
    throw new Error(`instance secret ${name} could not be stored`);
  return new Uint8Array(Buffer.from(row['value'], 'base64'));
}

/**
 * The secret of that name stored in the database behind `em`, generated on first use: the keys
 * of development, where none are configured.
 *
 * @example
 * const signingKey = await databaseSecret(db.em, 'token_signing');
 */
export function databaseSecret(em: EntityManager, name: InstanceSecretName): Promise<Uint8Array> {
  return instanceSecret((sql, params) => em.getConnection('write').execute(sql, params), name);
}

/** The secrets of these names already stored (none generated), for re-encryption. */
export async function storedInstanceSecrets(
  execute: Execute,
  names: readonly InstanceSecretName[],
): Promise<Map<InstanceSecretName, Uint8Array>> {
  const found = new Map<InstanceSecretName, Uint8Array>();
  for (const name of names) {
    const [row] = await execute('select value from instance_secret where name = ?', [name]);
    if (row !== undefined && typeof row['value'] === 'string')
      found.set(name, new Uint8Array(Buffer.from(row['value'], 'base64')));
  }
  return found;
}
