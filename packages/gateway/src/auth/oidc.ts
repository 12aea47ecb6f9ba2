import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { ConfigurationError, type RuntimeMode } from '../server/mode.js';
import { isRole, type Principal, type Role } from './principal.js';
import { TokenError, type TokenVerifier, tokenErrorOf } from './tokens.js';

/** Signature algorithms of public keys: a shared secret (HS*) or `none` never verifies here. */
export const OIDC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type OidcAlgorithm = (typeof OIDC_ALGORITHMS)[number];

/**
 * A county's identity provider: who issues staff tokens, where its public keys are, and how its
 * claims say a Jiceng role and scope.
 */
export interface OidcConfig {
  /** The `iss` of its tokens, exactly. */
  readonly issuer: string;
  /** Its JSON Web Key Set; keys are fetched again when a token names a key id not seen yet. */
  readonly jwksUrl: string;
  /** The `aud` its tokens carry for Jiceng. */
  readonly audience: string;
  readonly algorithms: readonly OidcAlgorithm[];
  /** The claim holding the role (a dotted path into nested claims, e.g. `realm_access.roles`); a string or a list. */
  readonly roleClaim: string;
  /** Claim values to Jiceng roles; values not listed are ignored. Empty: values are Jiceng role names. */
  readonly roleMap: Readonly<Record<string, Exclude<Role, 'public'>>>;
  /** The claim holding the organisation code the role applies to. */
  readonly scopeClaim: string;
  readonly nameClaim: string;
  /** How long fetched keys are trusted before being fetched again (ms; default 10 minutes). */
  readonly cacheMaxAgeMs?: number;
  /** The shortest time between two fetches for unknown key ids (ms; default 30 s). */
  readonly cooldownMs?: number;
}

const DEFAULTS = {
  algorithms: ['RS256', 'ES256', 'EdDSA'] as readonly OidcAlgorithm[],
  roleClaim: 'jiceng_role',
  scopeClaim: 'jiceng_scope',
  nameClaim: 'name',
};

/**
 * The identity provider configured in the environment, or `undefined` when `JICENG_OIDC_ISSUER`
 * is not set: `JICENG_OIDC_ISSUER`, `JICENG_OIDC_JWKS_URL` (https in production),
 * `JICENG_OIDC_AUDIENCE`; optionally `JICENG_OIDC_ALGORITHMS` (default `RS256,ES256,EdDSA`),
 * `JICENG_OIDC_ROLE_CLAIM` (default `jiceng_role`), `JICENG_OIDC_ROLE_MAP`
 * (`value=role,value=role`), `JICENG_OIDC_SCOPE_CLAIM` (default `jiceng_scope`),
 * `JICENG_OIDC_NAME_CLAIM` (default `name`) and `JICENG_OIDC_JWKS_CACHE_SECONDS` (default 600).
 *
 * @example
 * oidcConfigFromEnv({ JICENG_OIDC_ISSUER: 'https://id.county.gov.cn', JICENG_OIDC_JWKS_URL: 'https://id.county.gov.cn/jwks',
 *   JICENG_OIDC_AUDIENCE: 'jiceng', JICENG_OIDC_ROLE_MAP: 'street-staff=street_admin' }, 'production');
 */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv, mode: RuntimeMode): OidcConfig | undefined {
  const get = (name: string) => env[name]?.trim() || undefined;
  const issuer = get('JICENG_OIDC_ISSUER');
  const jwksUrl = get('JICENG_OIDC_JWKS_URL');
  const audience = get('JICENG_OIDC_AUDIENCE');
  const others = Object.keys(env).filter((k) => k.startsWith('JICENG_OIDC_') && get(k) !== undefined);
  if (issuer === undefined) {
    if (others.length > 0)
      throw new ConfigurationError('OIDC_INCOMPLETE', `${others.join(', ')} set without JICENG_OIDC_ISSUER`);
    return undefined;
  }
  if (jwksUrl === undefined || audience === undefined)
    throw new ConfigurationError(
      'OIDC_INCOMPLETE',
      'JICENG_OIDC_ISSUER needs JICENG_OIDC_JWKS_URL (its public keys) and JICENG_OIDC_AUDIENCE (the aud of its tokens for Jiceng)',
    );
  const algorithms = (get('JICENG_OIDC_ALGORITHMS')?.split(',') ?? DEFAULTS.algorithms).map((a) => a.trim());
  const unknown = algorithms.filter((a) => !(OIDC_ALGORITHMS as readonly string[]).includes(a));
  if (unknown.length > 0 || algorithms.length === 0)
    throw new ConfigurationError(
      'OIDC_INVALID',
      `JICENG_OIDC_ALGORITHMS may list only public-key algorithms (${OIDC_ALGORITHMS.join(', ')}), not ${unknown.join(', ') || 'nothing'}`,
    );
  const roleMap: Record<string, Exclude<Role, 'public'>> = {};
  for (const pair of (get('JICENG_OIDC_ROLE_MAP') ?? '').split(',').filter((p) => p.trim() !== '')) {
    const at = pair.lastIndexOf('=');
    const value = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim();
    if (at <= 0 || !isRole(role) || role === 'public')
      throw new ConfigurationError(
        'OIDC_INVALID',
        `JICENG_OIDC_ROLE_MAP entry "${pair.trim()}" must be claim-value=role, the role one of county_admin, street_admin, community_admin, branch_secretary, grid_worker, member, handling_unit`,
      );
    roleMap[value] = role;
  }
  const cacheSeconds = Number(get('JICENG_OIDC_JWKS_CACHE_SECONDS') ?? 600);
  if (!(Number.isInteger(cacheSeconds) && cacheSeconds >= 0 && cacheSeconds <= 86_400))
    throw new ConfigurationError('OIDC_INVALID', 'JICENG_OIDC_JWKS_CACHE_SECONDS must be 0–86400');
  const config: OidcConfig = {
    issuer,
    jwksUrl,
    audience,
    algorithms: algorithms as OidcAlgorithm[],
    roleClaim: get('JICENG_OIDC_ROLE_CLAIM') ?? DEFAULTS.roleClaim,
    roleMap,
    scopeClaim: get('JICENG_OIDC_SCOPE_CLAIM') ?? DEFAULTS.scopeClaim,
    nameClaim: get('JICENG_OIDC_NAME_CLAIM') ?? DEFAULTS.nameClaim,
    cacheMaxAgeMs: cacheSeconds * 1000,
  };
  checkOidcConfig(config, mode);
  return config;
}

function checkOidcConfig(config: OidcConfig, mode: RuntimeMode): void {
  let url: URL;
  try {
    url = new URL(config.jwksUrl);
  } catch {
    throw new ConfigurationError('OIDC_INVALID', `JICENG_OIDC_JWKS_URL "${config.jwksUrl}" is not a URL`);
  }
  if (url.protocol !== 'https:' && !(mode === 'development' && url.protocol === 'http:'))
    throw new ConfigurationError(
      'OIDC_INVALID',
      'JICENG_OIDC_JWKS_URL must be https in production: the keys it serves decide who is a county administrator',
    );
  if (config.issuer === 'jiceng')
    throw new ConfigurationError('OIDC_INVALID', 'JICENG_OIDC_ISSUER "jiceng" is the gateway’s own issuer');
}

/** A nested claim by dotted path (`realm_access.roles`), or the claim of that exact name. */
function claim(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let at: unknown = payload;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** The one Jiceng role the claim's values map to; several different ones are refused, not ranked. */
function roleOf(config: OidcConfig, value: unknown): Exclude<Role, 'public'> {
  const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const mapped = new Set(
    values.flatMap((v) => {
      const role = Object.keys(config.roleMap).length > 0 ? config.roleMap[v] : v;
      return isRole(role) && role !== 'public' ? [role] : [];
    }),
  );
  if (mapped.size === 0) throw new TokenError('TOKEN_INVALID', `no Jiceng role in claim ${config.roleClaim}`);
  if (mapped.size > 1)
    throw new TokenError('TOKEN_INVALID', `claim ${config.roleClaim} maps to several Jiceng roles`);
  return [...mapped][0]!;
}

/**
 * Verifies a county identity provider's tokens (asymmetric signatures only, from its JWKS, which is
 * fetched again for a key id not seen yet, so a rotated key is picked up and a retired one refused
 * once the set no longer lists it) and maps their claims to a principal.
 *
 * @example
 * const oidc = createOidcVerifier(oidcConfigFromEnv(process.env, 'production')!);
 * const principal = await oidc.verify(token, new Date());
 */
export function createOidcVerifier(config: OidcConfig): TokenVerifier & { readonly issuer: string } {
  const jwks = createRemoteJWKSet(new URL(config.jwksUrl), {
    ...(config.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: config.cacheMaxAgeMs }),
    ...(config.cooldownMs === undefined ? {} : { cooldownDuration: config.cooldownMs }),
    timeoutDuration: 5000,
  });
  return {
    issuer: config.issuer,
    async verify(token, now): Promise<Principal> {
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: [...config.algorithms],
          currentDate: now,
          requiredClaims: ['sub', 'exp'],
        });
        const scope = claim(payload, config.scopeClaim);
        const name = claim(payload, config.nameClaim);
        if (
          typeof payload.sub !== 'string' ||
          payload.sub === '' ||
          typeof scope !== 'string' ||
          scope === ''
        )
          throw new TokenError('TOKEN_INVALID', `token lacks a subject or a scope (${config.scopeClaim})`);
        return {
          subject: payload.sub,
          role: roleOf(config, claim(payload, config.roleClaim)),
          scope,
          ...(typeof name === 'string' && name !== '' ? { name } : {}),
        };
      } catch (error) {
        throw tokenErrorOf(error);
      }
    },
  };
}
