import { sweepScratchDatabases } from './databases.js';

/**
 * Vitest global setup of the projects that use PostgreSQL: when the run ends, drops the scratch
 * databases its test files could not drop themselves (see sweepScratchDatabases).
 */
export default function setup(): (() => Promise<void>) | undefined {
  const url = process.env['JICENG_TEST_POSTGRES_URL'];
  if (!url) return undefined;
  const since = Date.now();
  return async () => {
    const dropped = await sweepScratchDatabases(url, since);
    if (dropped.length > 0) {
      process.stdout.write(
        `dropped ${dropped.length} scratch database(s) that failed tests left behind: ${dropped.join(', ')}\n`,
      );
    }
  };
}
