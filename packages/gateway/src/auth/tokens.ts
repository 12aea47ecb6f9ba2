import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose';
import { ConfigurationError, type RuntimeMode } from '../server/mode.js';
import { isRole, type Principal } from './principal.js';

const ISSUER = 'jiceng';
const AUDIENCE = 'jiceng-gateway';

export type TokenProblem = 'TOKEN_EXPIRED' | 'TOKEN_INVALID';

export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    readonly problem: TokenProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Verifies bearer tokens: the gateway's own, a county identity provider's, or either. */
export interface TokenVerifier {
  verify(token: string, now: Date): Promise<Principal>;
}

/** Signs and verifies the gateway's own bearer tokens (HS256 JWTs, issuer `jiceng`). */
export interface TokenService extends TokenVerifier {
  issue(principal: Principal, options: { now: Date; expiresInSeconds: number }): Promise<string>;
}

/**
 * Where the key of the gateway's own tokens comes from: `JICENG_JWT_SECRET`, the key the database
 * generated for itself (development), or nowhere (production with only an identity provider).
 */
export type TokenKeySource =
  | { readonly source: 'configured'; readonly secret: string }
  | { readonly source: 'database' }
  | { readonly source: 'none' };

const MIN_SECRET_LENGTH = 32;
/** Estimated bits (Shannon entropy of the characters times the length) a production secret needs. */
const MIN_SECRET_BITS = 100;

/**
 * Secrets published with Jiceng (the development secret of releases before per-database keys,
 * the test suite's, the documentation's examples): anyone can sign tokens with them.
 */
const KNOWN_SECRETS = [
  'jiceng-development-secret-do-not-use-in-production',
  'test-secret-that-is-long-enough-for-hs256-signing',
  'change-me-to-a-long-random-secret-of-your-own',
];

/**
 * Why a secret is too weak for production, or `undefined`: shorter than 32 characters, published,
 * or guessable (few distinct characters, a repeated pattern, a run like `abcdef…`).
 *
 * @example
 * weakSecretRule('a'.repeat(32)); // 'TOKEN_SECRET_LOW_ENTROPY'
 */
export function weakSecretRule(
  secret: string,
): 'TOKEN_SECRET_TOO_SHORT' | 'TOKEN_SECRET_KNOWN' | 'TOKEN_SECRET_LOW_ENTROPY' | undefined {
  if (secret.length < MIN_SECRET_LENGTH) return 'TOKEN_SECRET_TOO_SHORT';
  const lower = secret.toLowerCase();
  if (KNOWN_SECRETS.some((known) => lower.includes(known))) return 'TOKEN_SECRET_KNOWN';
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = [...secret].length;
  let perChar = 0;
  for (const count of counts.values()) perChar -= (count / n) * Math.log2(count / n);
  if (perChar * n < MIN_SECRET_BITS) return 'TOKEN_SECRET_LOW_ENTROPY';
  // A run (abcdef…, 123456…) or a repeated block scores well on character counts alone.
  let steps = 0;
  for (let i = 1; i < secret.length; i += 1)
    if (Math.abs(secret.charCodeAt(i) - secret.charCodeAt(i - 1)) <= 1) steps += 1;
  if (steps > secret.length / 2) return 'TOKEN_SECRET_LOW_ENTROPY';
  for (let period = 1; period <= secret.length / 2; period += 1)
    if (secret.slice(period) === secret.slice(0, secret.length - period)) return 'TOKEN_SECRET_LOW_ENTROPY';
  return undefined;
}

/**
 * Where the gateway's own token key comes from, checked: `JICENG_JWT_SECRET` when set (at least 32
 * characters; in production also unpublished and not guessable), else the database's own key in
 * development. Production without a secret has no tokens of its own unless an identity provider is
 * configured (`oidcConfigured`), and refuses to start otherwise.
 *
 * @example
 * const source = tokenKeyFromEnv(process.env, 'production', false); // throws without JICENG_JWT_SECRET
 */
export function tokenKeyFromEnv(
  env: NodeJS.ProcessEnv,
  mode: RuntimeMode,
  oidcConfigured: boolean,
): TokenKeySource {
  const configured = env['JICENG_JWT_SECRET'];
  if (configured !== undefined && configured !== '') {
    const rule = weakSecretRule(configured);
    if (rule === 'TOKEN_SECRET_TOO_SHORT' || (rule !== undefined && mode === 'production'))
      throw new ConfigurationError(rule, SECRET_RULES[rule]);
    return { source: 'configured', secret: configured };
  }
  if (mode === 'development') return { source: 'database' };
  if (oidcConfigured) return { source: 'none' };
  throw new ConfigurationError(
    'TOKEN_SECRET_REQUIRED',
    'JICENG_JWT_SECRET is required in production (48 random bytes: openssl rand -base64 48), unless an identity provider signs every token (JICENG_OIDC_ISSUER…)',
  );
}

const SECRET_RULES = {
  TOKEN_SECRET_TOO_SHORT: `JICENG_JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters (openssl rand -base64 48)`,
  TOKEN_SECRET_KNOWN:
    'JICENG_JWT_SECRET is a published secret (from Jiceng’s source, tests or docs); anyone could sign tokens with it. Generate one: openssl rand -base64 48',
  TOKEN_SECRET_LOW_ENTROPY:
    'JICENG_JWT_SECRET is guessable (few distinct characters, a repeated pattern or a run); production needs a random one: openssl rand -base64 48',
} as const;

/**
 * The gateway's own tokens, signed with a secret (text from `JICENG_JWT_SECRET`, or the key the
 * database generated for itself).
 *
 * @example
 * const tokens = createTokenService(process.env.JICENG_JWT_SECRET!);
 * const jwt = await tokens.issue({ subject: 'u1', role: 'street_admin', scope: '330102001' }, { now: new Date(), expiresInSeconds: 3600 });
 */
export function createTokenService(secret: string | Uint8Array): TokenService {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const verified = new VerifiedTokens();
  return {
    async issue(principal, { now, expiresInSeconds }) {
      const iat = Math.floor(now.getTime() / 1000);
      return new SignJWT({
        role: principal.role,
        scope: principal.scope,
        ...(principal.name ? { name: principal.name } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(principal.subject)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + expiresInSeconds)
        .sign(key);
    },
    async verify(token, now) {
      const known = verified.get(token, now);
      if (known !== undefined) return known;
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          currentDate: now,
        });
        const { sub, role, scope, name } = payload;
        if (
          typeof sub !== 'string' ||
          !isRole(role) ||
          role === 'public' ||
          typeof scope !== 'string' ||
          scope === ''
        ) {
          throw new TokenError('TOKEN_INVALID', 'token lacks a subject, a known role or a scope');
        }
        const principal: Principal = {
          subject: sub,
          role,
          scope,
          ...(typeof name === 'string' ? { name } : {}),
        };
        verified.remember(token, principal, payload.nbf, payload.exp);
        return principal;
      } catch (error) {
        throw tokenErrorOf(error);
      }
    },
  };
}

/**
 * Tokens this service verified lately, each with the principal it names and the seconds it is
 * valid in. Every request carries its token and is verified before it is admitted or refused, so
 * a client flooding the gateway with one token would otherwise cost a full signature check per
 * refused request (a large share of a busy server's time, and a turn of the event loop for every
 * other caller). A token is remembered by its exact text: any other text, however close, is
 * verified in full, and a remembered token outside its validity is verified in full again (which
 * refuses it with the usual error). Bounded: the oldest is forgotten first.
 */
class VerifiedTokens {
  private readonly tokens = new Map<string, { principal: Principal; from: number; until: number }>();

  constructor(private readonly capacity = 1_024) {}

  get(token: string, now: Date): Principal | undefined {
    const known = this.tokens.get(token);
    if (known === undefined) return undefined;
    // The same rule as jose's: valid from `nbf`, expired once `exp` ≤ now, in whole seconds.
    const seconds = Math.floor(now.getTime() / 1000);
    if (seconds < known.from || seconds >= known.until) {
      this.tokens.delete(token);
      return undefined;
    }
    return known.principal;
  }

  /** Only tokens that expire are remembered. */
  remember(token: string, principal: Principal, nbf: number | undefined, exp: number | undefined): void {
    if (exp === undefined) return;
    if (this.tokens.size >= this.capacity) this.tokens.delete(this.tokens.keys().next().value!);
    this.tokens.set(token, { principal, from: nbf ?? Number.NEGATIVE_INFINITY, until: exp });
  }
}

/** A verification failure as a {@link TokenError}. */
export function tokenErrorOf(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenError('TOKEN_EXPIRED', 'token has expired');
  return new TokenError('TOKEN_INVALID', 'token is not valid');
}

/**
 * One verifier for every token the gateway accepts: a token whose issuer is the configured
 * identity provider's goes to that verifier (asymmetric keys from its JWKS), any other to the
 * gateway's own (HS256). Each is verified strictly by its own rules, so a token never chooses its
 * verifier by its header alone.
 *
 * @example
 * const tokens = createTokenVerifier({ local: createTokenService(secret), oidc: createOidcVerifier(config) });
 */
export function createTokenVerifier(verifiers: {
  readonly local?: TokenVerifier | undefined;
  readonly oidc?: (TokenVerifier & { readonly issuer: string }) | undefined;
}): TokenVerifier {
  const { local, oidc } = verifiers;
  return {
    async verify(token, now) {
      let issuer: unknown;
      try {
        issuer = decodeJwt(token).iss;
      } catch {
        throw new TokenError('TOKEN_INVALID', 'token is not a JWT');
      }
      if (oidc !== undefined && issuer === oidc.issuer) return oidc.verify(token, now);
      if (local !== undefined) return local.verify(token, now);
      throw new TokenError('TOKEN_INVALID', 'token is not from the configured identity provider');
    },
  };
}
