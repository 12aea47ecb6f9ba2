import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext, GatewayServices } from '../kernel/context.js';

/**
 * Answers anyone may read without a token (aggregate statistics, published consultations) are
 * the same for every caller, so a flood of anonymous requests costs the database one query per
 * question and period, not one per request. An answer lives `ttlMs` (default 15 s) and is dropped
 * by any write through this gateway; concurrent requests for the same answer share one
 * computation. Other gateways' writes show within the TTL.
 */
const TTL_MS = 15_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  readonly expires: number;
  readonly value: Promise<unknown>;
}

const caches = new WeakMap<GatewayServices, Map<string, Entry>>();

function cacheOf(services: GatewayServices): Map<string, Entry> {
  let cache = caches.get(services);
  if (cache === undefined) {
    cache = new Map();
    caches.set(services, cache);
  }
  return cache;
}

/**
 * The cached public answer for `key`, computed by `compute` when missing or stale. A failed
 * computation is not kept.
 *
 * @example
 * return publicAnswer(ctx, `publicStatistics:${code}`, () => compute(code));
 */
export function publicAnswer<T>(ctx: GatewayContext, key: string, compute: () => Promise<T>): Promise<T> {
  const cache = cacheOf(ctx.services);
  const now = Date.now();
  const found = cache.get(key);
  if (found !== undefined && found.expires > now) return found.value as Promise<T>;
  const value = compute();
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, { expires: now + TTL_MS, value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}

/** Drops every cached public answer (after a write through this gateway). */
export function forgetPublicAnswers(services: GatewayServices): void {
  caches.get(services)?.clear();
}

/** Drops the cached public answers after every mutation. */
export function publicCachePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation }) {
          if (operation?.operation === 'mutation') forgetPublicAnswers(contextValue.services);
        },
      };
    },
  };
}
