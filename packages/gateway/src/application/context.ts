import type { GatewayContext } from '../kernel/context.js';

/**
 * What a use case is given: the actor (`principal`), the clock (`now`), the unit of work (`em`,
 * one request's MikroORM fork) and the county's rules and trees (`services`). A GraphQL
 * resolver, an Open311 route or the CLI passes its own context; a use case reads nothing else of
 * the request (no headers, no locale, no loaders), so the same call means the same on every door.
 */
export type UseCaseContext = Pick<GatewayContext, 'principal' | 'now' | 'em' | 'services'>;
