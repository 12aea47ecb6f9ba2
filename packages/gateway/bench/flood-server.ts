// The server side of the flood benchmark (flood.bench.ts), in a process of its own so the load
// generator and the probes never share its event loop: the reference county on in-memory SQLite,
// the gateway with its production defaults (rate limit, concurrency bounds, query limits).
// Prints one JSON line with the address and two tokens, then serves until killed.
import { createGateway, createGatewayServices, createTokenService } from '@jiceng/gateway';
import { openDatabase } from '@jiceng/persistence';
import { seedReferenceCounty } from '@jiceng/persistence/seed';

/** The bench's own signing secret: it runs its own gateway, and no deployment uses it. */
const BENCH_SECRET = 'jiceng-bench-signing-secret-of-its-own-gateway-only';

const scale = Number(process.argv[2] ?? '1');
const db = await openDatabase({ url: 'sqlite::memory:' });
await seedReferenceCounty(db, { scale, today: '2026-11-27' as never });
const services = await createGatewayServices(db, { record: () => {} });
const tokens = createTokenService(BENCH_SECRET);
const app = await createGateway({ services, tokens, environment: 'production' });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
const issue = (subject: string) =>
  tokens.issue(
    { subject, role: 'street_admin', scope: '330102001' },
    { now: new Date(), expiresInSeconds: 3600 },
  );
process.stdout.write(
  `${JSON.stringify({ url, heavy: await issue('flooder'), light: await issue('colleague') })}\n`,
);
// Exits (rather than dies) on SIGTERM, so a CPU profile asked for with JICENG_FLOOD_SERVER_ARGS is written.
process.once('SIGTERM', () => process.exit(0));
