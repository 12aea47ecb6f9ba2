import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SeedProgress } from '@jiceng/persistence/seed';

/** How far the start has got: what the placeholder tells callers while the gateway is not up. */
export interface StartingState {
  /** The reference county's load step now running, when one is. */
  progress?: SeedProgress;
}

/** The port held while starting, and how to hand it to the gateway. */
export interface StartingListener {
  /** The port bound (the one picked, when 0 was asked for). */
  readonly port: number;
  /** Stops answering and frees the port (idempotent); open connections are cut. */
  close(): Promise<void>;
}

/** The port cannot be bound: in use by another process, or not allowed. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `${host}:${port} is already in use (another jiceng serve?); choose --port or stop it`
        : `cannot listen on ${host}:${port} (${code})`,
    );
  }
}

/** Seconds a caller is told to wait before asking again. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Binds the gateway's port as soon as the database is open, and answers while the start goes on
 * (a first load of the reference county takes from seconds to minutes): `/healthz` 200
 * `{status:'starting'}` (the process is alive), `/readyz` 503 `{status:'loading', progress}` (not
 * ready to serve), and every other request 503 with `Retry-After` — a GraphQL-shaped `STARTING`
 * error for API clients, a page that reloads itself for a browser. So an operator who opens the
 * address during the load sees why it waits instead of "connection refused", and an orchestrator's
 * probes tell a slow start from a dead one.
 *
 * @example
 * const state: StartingState = {};
 * const holding = await listenWhileStarting('127.0.0.1', 4000, state);
 * // … load, build the gateway …
 * await holding.close();
 * await app.listen({ host: '127.0.0.1', port: holding.port });
 */
export async function listenWhileStarting(
  host: string,
  port: number,
  state: StartingState,
): Promise<StartingListener> {
  const server = createServer((request, response) => answer(request, response, state));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new ListenError(host, port, error.code ?? 'error')),
    );
    server.listen(port, host, () => resolve());
  });
  let closing: Promise<void> | undefined;
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      closing ??= closeServer(server);
      return closing;
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function answer(request: IncomingMessage, response: ServerResponse, state: StartingState): void {
  // The body of a POST is not wanted: drain it so the connection can answer.
  request.resume();
  const path = (request.url ?? '/').split('?')[0];
  const progress = state.progress;
  response.setHeader('cache-control', 'no-store');
  response.setHeader('x-content-type-options', 'nosniff');
  if (path === '/healthz') {
    json(response, 200, { status: 'starting' });
    return;
  }
  response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
  if (path === '/readyz') {
    json(response, 503, { status: 'loading', ...(progress === undefined ? {} : { progress }) });
    return;
  }
  const text = startingText(progress);
  if (request.method === 'GET' && (request.headers.accept ?? '').includes('text/html')) {
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    response.end(startingPage(text));
    return;
  }
  json(response, 503, {
    errors: [
      {
        message: text.en,
        extensions: {
          code: 'STARTING',
          message: text,
          retryAfterSeconds: RETRY_AFTER_SECONDS,
          ...(progress === undefined ? {} : { progress }),
        },
      },
    ],
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** What the start is doing, in both languages. */
export function startingText(progress: SeedProgress | undefined): { zh: string; en: string } {
  if (progress === undefined) {
    return { zh: '网关正在启动，请稍候', en: 'the gateway is starting; try again shortly' };
  }
  const share =
    progress.total > 0 ? Math.floor((Math.min(progress.done, progress.total) / progress.total) * 100) : 0;
  return {
    zh: `网关正在启动：正在载入参考县（${progress.step} ${share}%），请稍候`,
    en: `the gateway is starting: loading the reference county (${progress.step} ${share}%); try again shortly`,
  };
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function startingPage(text: { zh: string; en: string }): string {
  const html = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
  return `<!doctype html><html lang="zh"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>Jiceng 正在启动</title></head><body><p>${html(text.zh)}</p><p lang="en">${html(text.en)}</p></body></html>`;
}
