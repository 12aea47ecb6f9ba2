import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import type { GatewayContext } from '../kernel/context.js';
import { GatewayError } from '../kernel/errors.js';
import { type CostlyLimits, FairSlots } from './admission.js';
import { graphQLErrorOf } from './responses.js';

/**
 * The cost of each validated document, as the cost limit measured it (the most costly of its
 * operations). Apollo validates a query text once and reuses the document, so the cost is
 * remembered by document rather than measured again.
 */
export class QueryCosts {
  private readonly costs = new WeakMap<DocumentNode, number>();

  /** Called by the cost limit for each operation it accepts. */
  record(document: DocumentNode, cost: number): void {
    this.costs.set(document, Math.max(cost, this.costs.get(document) ?? 0));
  }

  of(document: DocumentNode): number | undefined {
    return this.costs.get(document);
  }
}

/** Where a request's context carries its principal key (Apollo copies the context it is given). */
const PRINCIPAL_KEY = Symbol('principal key');

/** `context`, carrying the principal key admission counted its request against. */
export function withPrincipalKey<C extends object>(context: C, key: string): C {
  (context as { [PRINCIPAL_KEY]?: string })[PRINCIPAL_KEY] = key;
  return context;
}

function principalKeyOf(context: object): string | undefined {
  return (context as { [PRINCIPAL_KEY]?: string })[PRINCIPAL_KEY];
}

/**
 * The smaller share of costly queries (see {@link CostlyLimits}), as an Apollo plugin: once the
 * operation is resolved, a query costing `fromCost` or more takes a costly slot of its caller
 * (the principal key admission counted, see {@link withPrincipalKey}), waiting its turn in a fair
 * queue, and gives it back when its answer is ready. Cheap queries pass straight on.
 */
export function costlySharePlugin(
  limits: CostlyLimits & { readonly waitMs?: number },
  costs: QueryCosts,
): ApolloServerPlugin<GatewayContext> {
  const slots = new FairSlots({
    // Admission bounds each caller's requests already; here only the running ones count.
    perPrincipal: limits.total,
    runningPerPrincipal: limits.perPrincipal,
    total: limits.total,
    ...(limits.waitMs === undefined ? {} : { waitMs: limits.waitMs }),
  });
  return {
    async requestDidStart() {
      let held: string | undefined;
      let refused = false;
      return {
        async didResolveOperation({ document, contextValue }) {
          const cost = costs.of(document);
          const key = principalKeyOf(contextValue);
          if (cost === undefined || cost < limits.fromCost || key === undefined) return;
          if (await slots.enter(key, contextValue.signal)) {
            held = key;
            return;
          }
          refused = true;
          throw graphQLErrorOf(
            costlyRefusal(slots.runningOf(key) > 0, limits.perPrincipal),
            contextValue.locale,
          );
        },
        async willSendResponse({ response }) {
          if (refused) response.http.headers.set('retry-after', '1');
          if (held === undefined) return;
          slots.release(held);
          held = undefined;
        },
      };
    },
  };
}

/** A costly query that waited in vain: the caller's own costly queries still run, or the server's. */
function costlyRefusal(own: boolean, perPrincipal: number): GatewayError {
  return own
    ? new GatewayError(
        'TOO_MANY_CONCURRENT',
        {
          zh: `您已有 ${perPrincipal} 个高开销查询（如街道看板）正在运行，请待其完成后再试`,
          en: `${perPrincipal} costly ${perPrincipal === 1 ? 'query' : 'queries'} of yours (such as the street dashboard) ${perPrincipal === 1 ? 'is' : 'are'} still running; retry when it is done`,
        },
        { reason: 'costly share of the caller' },
      )
    : new GatewayError(
        'SERVER_BUSY',
        { zh: '服务器繁忙，请稍后再试', en: 'the server is busy; retry in a moment' },
        { reason: 'costly share of the server' },
      );
}
