/**
 * How the gateway runs. `production` turns off introspection and field suggestions, requires
 * configured keys (no key generated into the database) and refuses weak ones; `development`
 * generates per-database keys and prints a token.
 */
export type RuntimeMode = 'production' | 'development';

/** The rules a configuration can break: the first word of every refusal, for operators to search. */
export type ConfigurationRule =
  | 'MODE_UNKNOWN'
  | 'MODE_CONFLICT'
  | 'TOKEN_SECRET_REQUIRED'
  | 'TOKEN_SECRET_TOO_SHORT'
  | 'TOKEN_SECRET_KNOWN'
  | 'TOKEN_SECRET_LOW_ENTROPY'
  | 'OIDC_INCOMPLETE'
  | 'OIDC_INVALID'
  | 'DATA_KEY_REQUIRED'
  | 'DATA_KEY_INVALID';

/** A configuration the gateway refuses to start with; the message starts with its rule. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(
    readonly rule: ConfigurationRule,
    explanation: string,
  ) {
    super(`${rule}: ${explanation}`);
  }
}

const MODES: Readonly<Record<string, RuntimeMode>> = {
  production: 'production',
  development: 'development',
};
/** What NODE_ENV may say; anything else (`prod`, `staging`) is refused rather than guessed. */
const NODE_ENVS: Readonly<Record<string, RuntimeMode>> = {
  production: 'production',
  development: 'development',
  test: 'development',
};

/**
 * The mode, from `JICENG_MODE` (`production` or `development`), else `NODE_ENV` (`production`,
 * `development` or `test`), in any case and surrounding space; development when neither is set.
 * An unknown value, or the two disagreeing, is refused: a typo must never run a county's
 * production in development mode.
 *
 * @example
 * runtimeModeOf({ NODE_ENV: 'Production' }); // 'production'
 * runtimeModeOf({ NODE_ENV: 'prod' }); // throws ConfigurationError MODE_UNKNOWN
 */
export function runtimeModeOf(env: NodeJS.ProcessEnv): RuntimeMode {
  const read = (name: string, known: Readonly<Record<string, RuntimeMode>>): RuntimeMode | undefined => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return undefined;
    const mode = known[raw.trim().toLowerCase()];
    if (mode === undefined)
      throw new ConfigurationError(
        'MODE_UNKNOWN',
        `${name}="${raw}" is not a mode Jiceng knows; set JICENG_MODE=production or JICENG_MODE=development`,
      );
    return mode;
  };
  const explicit = read('JICENG_MODE', MODES);
  const node = read('NODE_ENV', NODE_ENVS);
  if (explicit !== undefined && node !== undefined && explicit !== node)
    throw new ConfigurationError(
      'MODE_CONFLICT',
      `JICENG_MODE=${env['JICENG_MODE']} and NODE_ENV=${env['NODE_ENV']} disagree; make them say the same`,
    );
  return explicit ?? node ?? 'development';
}
