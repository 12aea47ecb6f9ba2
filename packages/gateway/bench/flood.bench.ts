// One token floods the server with its heaviest allowed query; does everyone else still get served?
// 50 connections send the street dashboard (the costliest query the limits allow) for 20 s with
// one street administrator's token, against a gateway in a process of its own, from a load
// generator in a third process (flood-load.ts), so neither's work delays the probes here. The
// probes' own HTTP client is warmed with one /healthz before the flood (as an orchestrator's
// health check would reach a new server first); the server gets no other warm-up. Meanwhile:
//   reliability.flood_healthz_p99   /healthz latency, ms (goal ≤ 100)
//   reliability.flood_light_p99     another principal's light query, ms (goal ≤ 500)
//   reliability.flood_rss_mb        the server's peak resident memory, MB (goal ≤ 1,024)
//   reliability.flood_rss_idle_mb   the same server before the flood (the county in memory)
//   reliability.flood_served        dashboard answers the flooder got per second (the rest were
//                                   refused at once with 429/503 and Retry-After)
// JICENG_FLOOD_SERVER_ARGS passes node options to the server's process only, e.g.
// `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it under the flood.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type autocannon from 'autocannon';
import { orZero, report } from '../../../scripts/bench-harness.js';

const LIGHT = '{ orgNode(code: "330102001") { code name } }';

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/** Runs flood-load.ts in a process of its own; resolves with its autocannon result. */
function floodFrom(url: string, token: string, seconds: number): Promise<autocannon.Result> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./flood-load.ts', import.meta.url).pathname, url, token, String(seconds)],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve(JSON.parse(line) as autocannon.Result));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`flood load generator exited with ${code}`));
    });
  });
}

async function startServer(
  scale: number,
): Promise<{ child: ChildProcess; url: string; heavy: string; light: string }> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env['JICENG_FLOOD_SERVER_ARGS']?.split(' ').filter(Boolean) ?? []),
      '--import',
      'tsx',
      new URL('./flood-server.ts', import.meta.url).pathname,
      String(scale),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
  );
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`flood server exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { url: string; heavy: string; light: string }) };
}

/** Times requests every `everyMs` until `stop` resolves; a request that fails counts as `timeoutMs`. */
async function probe(
  send: (signal: AbortSignal) => Promise<boolean>,
  everyMs: number,
  timeoutMs: number,
  stop: Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  let done = false;
  void stop.then(() => {
    done = true;
  });
  while (!done) {
    const start = performance.now();
    let ok = false;
    try {
      ok = await send(AbortSignal.timeout(timeoutMs));
    } catch (error) {
      if (process.env['JICENG_BENCH_DEBUG']) process.stderr.write(`probe failed: ${error}\n`);
      ok = false;
    }
    times.push(ok ? performance.now() - start : timeoutMs);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return times;
}

const FIGURES = [
  ['reliability.flood_healthz_p99', 'ms'],
  ['reliability.flood_light_p99', 'ms'],
  ['reliability.flood_rss_mb', 'MB'],
  ['reliability.flood_rss_idle_mb', 'MB'],
  ['reliability.flood_served', 'req/s'],
] as const;

/** A server that will not start, or a flood that cannot run, reports 0 for each figure and says why. */
export async function run(scale: number): Promise<void> {
  await orZero(FIGURES, () => flood(scale));
}

async function flood(scale: number): Promise<void> {
  const server = await startServer(Math.min(scale, 1));
  try {
    const seconds = Math.max(3, Math.round(20 * Math.min(scale, 1)));
    const idle = rssMb(server.child.pid!);
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMb(server.child.pid!));
    }, 100);
    // The probes' own client (undici) starts cold; that is this process's cost, not the server's.
    await fetch(`${server.url}/healthz`).then((res) => res.text());
    const load = floodFrom(server.url, server.heavy, seconds);
    const finished = load.then(() => undefined);
    const [result, healthz, light] = await Promise.all([
      load,
      probe(async (signal) => (await fetch(`${server.url}/healthz`, { signal })).ok, 100, 10_000, finished),
      probe(
        async (signal) => {
          const res = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            signal,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${server.light}` },
            body: JSON.stringify({ query: LIGHT }),
          });
          const body = (await res.json()) as { data?: { orgNode?: { code?: string } } };
          return res.ok && body.data?.orgNode?.code === '330102001';
        },
        200,
        10_000,
        finished,
      ),
    ]);
    clearInterval(sampler);
    if (process.env['JICENG_BENCH_DEBUG']) {
      const { requests, latency, non2xx, errors, timeouts } = result;
      process.stderr.write(
        `flood: ${JSON.stringify({ total: requests.total, non2xx, errors, timeouts, p50: latency.p50, p99: latency.p99, statusCodes: result.statusCodeStats })}\n` +
          `healthz: ${JSON.stringify(healthz.map(Math.round))}\nlight: ${JSON.stringify(light.map(Math.round))}\n`,
      );
    }
    const served = result['2xx'] / seconds;
    report('reliability.flood_healthz_p99', percentile(healthz, 99), 'ms');
    report('reliability.flood_light_p99', percentile(light, 99), 'ms');
    report('reliability.flood_rss_mb', peak, 'MB');
    report('reliability.flood_rss_idle_mb', idle, 'MB');
    report('reliability.flood_served', served, 'req/s');
  } finally {
    server.child.kill('SIGTERM');
  }
}
