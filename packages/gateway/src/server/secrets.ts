import { hkdfSync } from 'node:crypto';
import { unreachable } from '@jiceng/domain';
import { type Database, databaseSecret, type PersonalDataKeySource } from '@jiceng/persistence';
import { createOidcVerifier, type OidcConfig, oidcConfigFromEnv } from '../auth/oidc.js';
import {
  createTokenService,
  createTokenVerifier,
  type TokenKeySource,
  type TokenService,
  type TokenVerifier,
  tokenKeyFromEnv,
} from '../auth/tokens.js';
import { personalDataKeysFromEnv } from './data-keys.js';
import { type RuntimeMode, runtimeModeOf } from './mode.js';

/** Every key and identity setting of a gateway, read from its environment and checked. */
export interface SecretsConfig {
  readonly mode: RuntimeMode;
  /** The key of the gateway's own tokens (`jiceng token`, Open311 keys, the development token). */
  readonly tokenKey: TokenKeySource;
  /** A county identity provider whose staff tokens are accepted too. */
  readonly oidc: OidcConfig | undefined;
  /** The keys personal data is sealed with. */
  readonly personalData: PersonalDataKeySource;
}

/**
 * The mode (`JICENG_MODE`/`NODE_ENV`), token key (`JICENG_JWT_SECRET`), identity provider
 * (`JICENG_OIDC_*`) and personal-data keys (`JICENG_DATA_*`) of an environment; throws a
 * `ConfigurationError` naming the rule a setting breaks.
 *
 * @example
 * const secrets = secretsFromEnv(process.env);
 * const db = await openDatabase({ url, personalData: secrets.personalData });
 */
export function secretsFromEnv(env: NodeJS.ProcessEnv): SecretsConfig {
  const mode = runtimeModeOf(env);
  const oidc = oidcConfigFromEnv(env, mode);
  return {
    mode,
    tokenKey: tokenKeyFromEnv(env, mode, oidc !== undefined),
    oidc,
    personalData: personalDataKeysFromEnv(env, mode),
  };
}

/**
 * The gateway's own token service on this database: signed with `JICENG_JWT_SECRET`, or in
 * development with the key the database generated for itself (so `jiceng token --db X` and
 * `jiceng serve --db X` agree, and a token of one database is refused by another). `undefined`
 * when production has only an identity provider.
 */
export async function localTokens(secrets: SecretsConfig, db: Database): Promise<TokenService | undefined> {
  switch (secrets.tokenKey.source) {
    case 'configured':
      return createTokenService(secrets.tokenKey.secret);
    case 'database':
      return createTokenService(await databaseSecret(db.em, 'token_signing'));
    case 'none':
      return undefined;
    default:
      return unreachable(secrets.tokenKey, 'token key source');
  }
}

/**
 * The HMAC key of report download links (`/exports/…`), derived (HKDF-SHA256) from the key of the
 * gateway's own tokens, so every gateway of a county serves a link any of them signed, and a link
 * key is never a token key. `undefined` when production has only an identity provider: each
 * gateway then signs with a random key of its own, and a link works on the gateway that made it.
 */
export async function reportLinkKey(secrets: SecretsConfig, db: Database): Promise<Uint8Array | undefined> {
  const derive = (secret: string | Uint8Array) =>
    new Uint8Array(hkdfSync('sha256', secret, 'jiceng', 'report download links', 32));
  switch (secrets.tokenKey.source) {
    case 'configured':
      return derive(secrets.tokenKey.secret);
    case 'database':
      return derive(await databaseSecret(db.em, 'token_signing'));
    case 'none':
      return undefined;
    default:
      return unreachable(secrets.tokenKey, 'token key source');
  }
}

/** Every token the gateway accepts: its own, and its identity provider's. */
export function tokenVerifierOf(secrets: SecretsConfig, local: TokenService | undefined): TokenVerifier {
  return createTokenVerifier({
    local,
    oidc: secrets.oidc === undefined ? undefined : createOidcVerifier(secrets.oidc),
  });
}
