import type { PersonalDataKeySource } from '@jiceng/persistence';
import { ConfigurationError, type RuntimeMode } from './mode.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

function key(name: string, text: string): Uint8Array {
  const trimmed = text.trim();
  const bytes = BASE64.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32)
    throw new ConfigurationError(
      'DATA_KEY_INVALID',
      `${name} must be 32 random bytes in base64 (openssl rand -base64 32), got ${bytes.length === 0 ? 'something else' : `${bytes.length} bytes`}`,
    );
  if (new Set(bytes).size < 8)
    throw new ConfigurationError('DATA_KEY_INVALID', `${name} is not random (openssl rand -base64 32)`);
  return new Uint8Array(bytes);
}

/**
 * The keys personal data is sealed with: `JICENG_DATA_KEY` (seals every value written),
 * `JICENG_DATA_PREVIOUS_KEYS` (comma-separated; values sealed under them still open, until
 * `jiceng rotate-data-key` reseals them) and `JICENG_DATA_LOOKUP_KEY` (the separate key of the
 * lookup hashes), each 32 random bytes in base64. Required in production; in development, without
 * them, the database generates and keeps its own.
 *
 * @example
 * const personalData = personalDataKeysFromEnv(process.env, 'production');
 * const db = await openDatabase({ url, personalData });
 */
export function personalDataKeysFromEnv(env: NodeJS.ProcessEnv, mode: RuntimeMode): PersonalDataKeySource {
  const current = env['JICENG_DATA_KEY']?.trim() ?? '';
  const lookup = env['JICENG_DATA_LOOKUP_KEY']?.trim() ?? '';
  const previous = (env['JICENG_DATA_PREVIOUS_KEYS'] ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  if (current === '' && lookup === '' && mode === 'development') {
    if (previous.length > 0)
      throw new ConfigurationError(
        'DATA_KEY_REQUIRED',
        'JICENG_DATA_PREVIOUS_KEYS is set without JICENG_DATA_KEY and JICENG_DATA_LOOKUP_KEY',
      );
    return { source: 'database' };
  }
  if (current === '' || lookup === '')
    throw new ConfigurationError(
      'DATA_KEY_REQUIRED',
      `${current === '' ? 'JICENG_DATA_KEY' : 'JICENG_DATA_LOOKUP_KEY'} is required${mode === 'production' ? ' in production' : ' with the other'}: two different 32-byte keys in base64 (openssl rand -base64 32), which seal residents' ID and phone numbers and key their lookups`,
    );
  const keys = {
    current: key('JICENG_DATA_KEY', current),
    previous: previous.map((k, i) => key(`JICENG_DATA_PREVIOUS_KEYS[${i}]`, k)),
    lookup: key('JICENG_DATA_LOOKUP_KEY', lookup),
  };
  if (Buffer.from(keys.current).equals(Buffer.from(keys.lookup)))
    throw new ConfigurationError(
      'DATA_KEY_INVALID',
      'JICENG_DATA_LOOKUP_KEY must differ from JICENG_DATA_KEY: a lookup hash must say nothing of the seal',
    );
  return { source: 'configured', keys };
}
