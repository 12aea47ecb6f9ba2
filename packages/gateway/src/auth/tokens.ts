import { errors, jwtVerify, SignJWT } from 'jose';
import { isRole, type Principal } from './principal.js';

const ISSUER = 'jiceng';
const AUDIENCE = 'jiceng-gateway';

/**
 * A secret used only when nothing else is configured outside production, so that
 * `jiceng serve` and `jiceng token` work together on a fresh machine. Never accepted when
 * NODE_ENV=production.
 */
export const DEVELOPMENT_SECRET = 'jiceng-development-secret-do-not-use-in-production';

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

/** Reads the signing secret from the environment, refusing the development default in production. */
export function tokenSecretFromEnv(env: NodeJS.ProcessEnv): string {
  const configured = env['JICENG_JWT_SECRET'];
  if (configured !== undefined && configured.length > 0) {
    if (configured.length < 32) throw new Error('JICENG_JWT_SECRET must be at least 32 characters');
    return configured;
  }
  if (env['NODE_ENV'] === 'production') {
    throw new Error('JICENG_JWT_SECRET is required when NODE_ENV=production');
  }
  return DEVELOPMENT_SECRET;
}

/** Signs and verifies the gateway's bearer tokens (HS256 JWTs). */
export interface TokenService {
  issue(principal: Principal, options: { now: Date; expiresInSeconds: number }): Promise<string>;
  verify(token: string, now: Date): Promise<Principal>;
}

/**
 * @example
 * const tokens = createTokenService(tokenSecretFromEnv(process.env));
 * const jwt = await tokens.issue({ subject: 'u1', role: 'street_admin', scope: '330102001' }, { now: new Date(), expiresInSeconds: 3600 });
 */
export function createTokenService(secret: string): TokenService {
  const key = new TextEncoder().encode(secret);
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
        return { subject: sub, role, scope, ...(typeof name === 'string' ? { name } : {}) };
      } catch (error) {
        if (error instanceof TokenError) throw error;
        if (error instanceof errors.JWTExpired) throw new TokenError('TOKEN_EXPIRED', 'token has expired');
        throw new TokenError('TOKEN_INVALID', 'token is not valid');
      }
    },
  };
}
