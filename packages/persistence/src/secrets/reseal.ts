import type { Database } from '../database-handle.js';
import { type Execute, storedInstanceSecrets } from './instance-secrets.js';
import {
  type LookupKind,
  type PersonalDataCodec,
  personalDataCodec,
  personalDataOf,
  personalDataSourceOf,
  type SealedField,
} from './sealing.js';

/** A column of personal data stored sealed, with the row key it is bound to and its lookup hash. */
interface SealedColumn {
  readonly field: SealedField;
  readonly table: string;
  readonly key: string;
  readonly column: string;
  readonly hash: string;
  readonly kind: LookupKind;
}

/** Every sealed column. A new one is added here, to its mapping, and sealed by a migration. */
const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    field: 'points_member.resident_id',
    table: 'points_member',
    key: 'code',
    column: 'resident_id',
    hash: 'resident_id_hash',
    kind: 'resident_id',
  },
  {
    field: 'points_member.mobile',
    table: 'points_member',
    key: 'code',
    column: 'mobile',
    hash: 'mobile_hash',
    kind: 'mobile',
  },
  {
    field: 'grid_request.reporter_phone',
    table: 'grid_request',
    key: 'id',
    column: 'reporter_phone',
    hash: 'reporter_phone_hash',
    kind: 'mobile',
  },
  {
    field: 'grid_request.reporter_email',
    table: 'grid_request',
    key: 'id',
    column: 'reporter_email',
    hash: 'reporter_email_hash',
    kind: 'email',
  },
];

/**
 * The sealed columns named, or all of them. A migration names the columns that existed when it
 * was written, so a column added later (by a later migration) is not read before it exists.
 */
function columnsOf(fields: readonly SealedField[] | undefined): readonly SealedColumn[] {
  return fields === undefined ? SEALED_COLUMNS : SEALED_COLUMNS.filter((c) => fields.includes(c.field));
}

/** What a pass over the sealed columns found and did. */
export interface ResealSummary {
  /** Values looked at (not null). */
  readonly examined: number;
  /** Values written in clear (by a migration's first pass, or a gateway older than it) now sealed. */
  readonly sealedFromClear: number;
  /** Values sealed under another key, or hashed with another lookup key, now sealed and hashed anew. */
  readonly resealed: number;
  /** Values by the key id they were found under (`clear` for clear ones). */
  readonly foundUnder: Readonly<Record<string, number>>;
}

const PAGE = 500;

const isSealed = (value: string) => value.startsWith('pd1:');

/**
 * Seals every personal value with `codec`'s current key and hashes it with its lookup key, where
 * it is not so already: clear values (written before sealing existed) are sealed, values sealed
 * under an older key are opened with `opener` and sealed anew. Page by page, each row written only
 * if its value is still the one read (a gateway's write meanwhile wins). Idempotent.
 *
 * @example
 * await resealPersonalData(execute, { codec, opener: codec });
 * await resealPersonalData(execute, { codec, opener: codec }, ['points_member.mobile']); // one column
 */
export async function resealPersonalData(
  execute: Execute,
  keys: { readonly codec: PersonalDataCodec; readonly opener: PersonalDataCodec },
  fields?: readonly SealedField[],
): Promise<ResealSummary> {
  let examined = 0;
  let sealedFromClear = 0;
  let resealed = 0;
  const foundUnder: Record<string, number> = {};
  for (const c of columnsOf(fields)) {
    for (let after: string | undefined; ; ) {
      const rows = await execute(
        `select ${c.key} as k, ${c.column} as v, ${c.hash} as h from ${c.table}
         where ${c.column} is not null${after === undefined ? '' : ` and ${c.key} > ?`}
         order by ${c.key} limit ${PAGE}`,
        after === undefined ? [] : [after],
      );
      if (rows.length === 0) break;
      const changes: [string, string, string, string][] = [];
      for (const row of rows) {
        const key = String(row['k']);
        const value = String(row['v']);
        examined += 1;
        if (!isSealed(value)) {
          foundUnder['clear'] = (foundUnder['clear'] ?? 0) + 1;
          sealedFromClear += 1;
          changes.push([key, keys.codec.seal(c.field, key, value), keys.codec.lookup(c.kind, value), value]);
          continue;
        }
        const keyId = keys.codec.keyIdOf(value);
        foundUnder[keyId] = (foundUnder[keyId] ?? 0) + 1;
        const clear = keys.opener.open(c.field, key, value);
        const hash = keys.codec.lookup(c.kind, clear);
        if (keyId === keys.codec.currentKeyId && row['h'] === hash) continue;
        resealed += 1;
        changes.push([key, keys.codec.seal(c.field, key, clear), hash, value]);
      }
      if (changes.length > 0) {
        // One statement per page on both engines (UPDATE … FROM VALUES): VALUES columns are
        // named column1… by SQLite and PostgreSQL alike.
        await execute(
          `update ${c.table} set ${c.column} = v.column2, ${c.hash} = v.column3
           from (values ${changes.map(() => '(?, ?, ?, ?)').join(', ')}) as v
           where ${c.table}.${c.key} = v.column1 and ${c.table}.${c.column} = v.column4`,
          changes.flat(),
        );
      }
      after = String(rows[rows.length - 1]!['k']);
      if (rows.length < PAGE) break;
    }
  }
  return { examined, sealedFromClear, resealed, foundUnder };
}

/**
 * Writes every sealed value back in clear (opened with `opener`) and clears its hash: the way
 * back of the migration that sealed them, so undoing it loses nothing.
 */
export async function unsealPersonalData(
  execute: Execute,
  opener: PersonalDataCodec,
  fields?: readonly SealedField[],
): Promise<number> {
  let opened = 0;
  for (const c of columnsOf(fields)) {
    const rows = await execute(
      `select ${c.key} as k, ${c.column} as v from ${c.table} where ${c.column} is not null`,
      [],
    );
    for (const row of rows) {
      const value = String(row['v']);
      if (!isSealed(value)) continue;
      await execute(`update ${c.table} set ${c.column} = ?, ${c.hash} = null where ${c.key} = ?`, [
        opener.open(c.field, String(row['k']), value),
        row['k'],
      ]);
      opened += 1;
    }
  }
  return opened;
}

/**
 * Re-encryption after a key change (`jiceng rotate-data-key`): every personal value not sealed
 * under the current data key, or not hashed with the current lookup key, is sealed and hashed
 * anew; values left in clear (written by a gateway older than sealing) are sealed. Values open
 * with the current and previous keys, and with keys the database generated for itself in
 * development, so a database started in development can move to configured keys. Gateways may
 * keep serving meanwhile: a row they write in between keeps their value.
 *
 * @example
 * const summary = await rotatePersonalDataKeys(db); // { examined: 5210, resealed: 5210, … }
 */
export async function rotatePersonalDataKeys(db: Database): Promise<ResealSummary> {
  const execute: Execute = (sql, params) => db.em.getConnection('write').execute(sql, params);
  const codec = await personalDataOf(db.em);
  const source = personalDataSourceOf(db.orm.config);
  if (source.source === 'database') return resealPersonalData(execute, { codec, opener: codec });
  const stored = await storedInstanceSecrets(execute, ['data_key']);
  const opener = personalDataCodec({
    ...source.keys,
    previous: [...(source.keys.previous ?? []), ...stored.values()],
  });
  return resealPersonalData(execute, { codec, opener });
}
