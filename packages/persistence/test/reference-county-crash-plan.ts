import { parseLocalDate, unwrap } from '@jiceng/domain';

/**
 * The load the crash test kills and redoes, and loads uninterrupted to compare with: small
 * enough for a minute per engine, with every table of the county filled.
 */
export const CRASH_OPTIONS = { scale: 0.1, seed: 5, today: unwrap(parseLocalDate('2026-11-27')) } as const;
