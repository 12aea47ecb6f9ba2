import { createHash } from 'node:crypto';

/**
 * A short digest of what a decision was read from, so that the write can tell whether the rows
 * it rests on moved in between without a version column on each of them (buildings, topics of
 * other rows). Equal values give equal fingerprints; the order of arrays counts.
 *
 * @example
 * fingerprintOf([['B1', 120, 1], ['B2', 90, 2]]); // 'n4bQgYhMfWWaL-qgxN8zkL…'
 */
export function fingerprintOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url');
}
