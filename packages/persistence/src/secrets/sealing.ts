import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';
import type { Configuration } from '@mikro-orm/core';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { type Execute, instanceSecret } from './instance-secrets.js';

/**
 * Personal data at rest: resident ID numbers and mobile numbers are stored sealed (AES-256-GCM,
 * each value under a fresh 96-bit nonce, bound to its column and row), with a keyed hash
 * (HMAC-SHA256) beside them for exact lookups. What this protects against, and what not, is in
 * docs/personal-data.md.
 */

/** The keys of personal data: 32 bytes each. */
export interface PersonalDataKeys {
  /** Seals every value written. */
  readonly current: Uint8Array;
  /** Keys values may still be sealed under: they open, and are never used to seal. */
  readonly previous?: readonly Uint8Array[];
  /** Keys the lookup hashes (HMAC-SHA256); a separate key, so a hash says nothing of the seal. */
  readonly lookup: Uint8Array;
}

/**
 * Where a database's personal-data keys come from: the configuration (production), or the
 * database itself, generated on first use and stored in `instance_secret` (development: a copy
 * of the database carries them).
 */
export type PersonalDataKeySource =
  | { readonly source: 'configured'; readonly keys: PersonalDataKeys }
  | { readonly source: 'database' };

/** The sealed columns; each value is bound to its column and row, so it opens nowhere else. */
export type SealedField =
  | 'points_member.resident_id'
  | 'points_member.mobile'
  | 'grid_request.reporter_phone'
  | 'grid_request.reporter_email';

/** What a lookup hash is of: the same mobile number hashes alike in every column. */
export type LookupKind = 'resident_id' | 'mobile' | 'email';

/** Seals, opens and hashes personal data with one set of keys. */
export interface PersonalDataCodec {
  /** The id of the key new values are sealed under (stored in each value). */
  readonly currentKeyId: string;
  seal(field: SealedField, rowId: string, value: string): string;
  /** The value a sealed one holds; throws when its key is not configured or it was tampered with. */
  open(field: SealedField, rowId: string, sealed: string): string;
  /** The key id a sealed value names. */
  keyIdOf(sealed: string): string;
  /** The lookup hash of a (normalised) value: 64 hex digits. */
  lookup(kind: LookupKind, value: string): string;
}

const PREFIX = 'pd1';
const NONCE_BYTES = 12;

/**
 * Nonces cut from a pool the system's CSPRNG refills 4 KiB at a time: one call into it per 341
 * values instead of one per value, which cost more than the encryption itself (a register import
 * seals two values per member). Each nonce is used once, as AES-GCM needs.
 */
const noncePool = Buffer.alloc(NONCE_BYTES * 341);
let nonceOffset = noncePool.length;
function freshNonce(): Buffer {
  if (nonceOffset + NONCE_BYTES > noncePool.length) {
    randomFillSync(noncePool);
    nonceOffset = 0;
  }
  const nonce = Buffer.from(noncePool.subarray(nonceOffset, nonceOffset + NONCE_BYTES));
  nonceOffset += NONCE_BYTES;
  return nonce;
}
const TAG_BYTES = 16;

/**
 * A key's id, derived from the key itself (so it can never be mislabelled): 12 hex digits of an
 * HMAC that tells nothing of the key.
 *
 * @example
 * dataKeyId(key) // 'k3f9a0c1d2e4b'
 */
export function dataKeyId(key: Uint8Array): string {
  return `k${createHmac('sha256', key).update('jiceng data key id').digest('hex').slice(0, 12)}`;
}

function checkKey(key: Uint8Array, what: string): void {
  if (!(key instanceof Uint8Array) || key.length !== 32)
    throw new TypeError(
      `${what} must be 32 bytes, got ${key instanceof Uint8Array ? key.length : typeof key}`,
    );
}

/**
 * The codec of a set of keys.
 *
 * @example
 * const codec = personalDataCodec({ current: key, lookup: lookupKey });
 * const sealed = codec.seal('points_member.mobile', 'm001', '13812345678');
 * codec.open('points_member.mobile', 'm001', sealed); // '13812345678'
 */
export function personalDataCodec(keys: PersonalDataKeys): PersonalDataCodec {
  checkKey(keys.current, 'the current data key');
  checkKey(keys.lookup, 'the lookup key');
  for (const k of keys.previous ?? []) checkKey(k, 'a previous data key');
  const currentKeyId = dataKeyId(keys.current);
  const ring = new Map<string, Uint8Array>();
  for (const k of [keys.current, ...(keys.previous ?? [])]) ring.set(dataKeyId(k), k);
  const aad = (field: SealedField, rowId: string) => Buffer.from(`${field}\u0000${rowId}`, 'utf8');
  const parts = (sealed: string): [string, Buffer] => {
    const [prefix, keyId, body, ...rest] = sealed.split(':');
    if (prefix !== PREFIX || keyId === undefined || body === undefined || rest.length > 0)
      throw new Error('stored personal data is not sealed (expected pd1:<key id>:<data>)');
    return [keyId, Buffer.from(body, 'base64url')];
  };
  return {
    currentKeyId,
    seal(field, rowId, value) {
      const nonce = freshNonce();
      const cipher = createCipheriv('aes-256-gcm', keys.current, nonce);
      cipher.setAAD(aad(field, rowId));
      const body = Buffer.concat([nonce, cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}:${currentKeyId}:${body.toString('base64url')}`;
    },
    open(field, rowId, sealed) {
      const [keyId, body] = parts(sealed);
      const key = ring.get(keyId);
      if (key === undefined)
        throw new Error(
          `personal data sealed under key ${keyId}, which is not configured (add it to the previous data keys, JICENG_DATA_PREVIOUS_KEYS)`,
        );
      if (body.length < NONCE_BYTES + TAG_BYTES) throw new Error('stored personal data is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, NONCE_BYTES));
      decipher.setAAD(aad(field, rowId));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(body.subarray(NONCE_BYTES, body.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new Error(`stored personal data in ${field} does not open: altered, or moved from another row`);
      }
    },
    keyIdOf: (sealed) => parts(sealed)[0],
    lookup: (kind, value) => createHmac('sha256', keys.lookup).update(`${kind}\u0000${value}`).digest('hex'),
  };
}

/**
 * Defines `property` on `target` (when a sealed value is stored) as the value opened on first
 * read. Enumerable, so spreading and comparing see it as a plain property.
 */
export function openWhenRead(
  target: object,
  property: string,
  sealed: unknown,
  codec: PersonalDataCodec,
  field: SealedField,
  rowId: string,
): void {
  if (typeof sealed !== 'string') return;
  let opened: string | undefined;
  Object.defineProperty(target, property, {
    enumerable: true,
    get: () => {
      opened ??= codec.open(field, rowId, sealed);
      return opened;
    },
  });
}

/** The key source each open database was given, by its MikroORM configuration. */
const sources = new WeakMap<Configuration, PersonalDataKeySource>();
const codecs = new WeakMap<Configuration, Promise<PersonalDataCodec>>();

/**
 * Gives an ORM its personal-data keys (`openDatabase` does this with its `personalData` option).
 * An ORM never given any uses the keys stored in its own database.
 */
export function usePersonalDataKeys(config: Configuration, source: PersonalDataKeySource): void {
  sources.set(config, source);
  codecs.delete(config);
}

/**
 * The codec of a database, through any of its entity managers: its configured keys, or those
 * stored in it (generated on first use).
 *
 * @example
 * const codec = await personalDataOf(em);
 */
export function personalDataOf(em: EntityManager): Promise<PersonalDataCodec> {
  const config = em.config;
  let codec = codecs.get(config);
  const tx = em.getTransactionContext();
  if (codec === undefined && tx !== undefined) {
    // Inside a transaction (on SQLite the only connection is its own): keys it generates are
    // stored only if it commits, so they are not remembered here.
    return codecFor(config, (sql, params) => em.getConnection('write').execute(sql, params, 'all', tx));
  }
  if (codec === undefined) {
    codec = codecFor(config, (sql, params) => em.getConnection('write').execute(sql, params));
    // A failure (the table not there yet) is not remembered: the next call tries again.
    codec.catch(() => codecs.delete(config));
    codecs.set(config, codec);
  }
  return codec;
}

/**
 * The codec of a database for a migration, through its own transaction; never cached, since the
 * transaction that generates the keys may yet roll back.
 */
export async function codecFor(config: Configuration, execute: Execute): Promise<PersonalDataCodec> {
  const source = sources.get(config) ?? { source: 'database' };
  if (source.source === 'configured') return personalDataCodec(source.keys);
  const [current, lookup] = [
    await instanceSecret(execute, 'data_key'),
    await instanceSecret(execute, 'data_lookup'),
  ];
  return personalDataCodec({ current, lookup });
}

/** The key source an ORM was given (`database` when none). */
export function personalDataSourceOf(config: Configuration): PersonalDataKeySource {
  return sources.get(config) ?? { source: 'database' };
}
