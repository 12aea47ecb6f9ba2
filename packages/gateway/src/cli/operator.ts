import { rootOf } from '@jiceng/domain';
import { COUNTY } from '../application/county.js';
import { authorise, type Door } from '../auth/authorise.js';
import type { Action, ResourceOf } from '../auth/policy.js';
import type { GatewayServices } from '../kernel/context.js';
import { gatewayErrorOf } from '../kernel/errors.js';
import type { CliIo } from './io.js';

/**
 * The CLI as a door of the authorisation policy. Whoever runs a write command holds the database
 * URL, and so administers the county that database serves: the operator is that county's
 * administrator (`county_admin`, scoped to the root of the stored administrative tree), named by
 * the operating-system user. Their writes go through the same policy as GraphQL's and Open311's.
 *
 * @example
 * if (refusedByPolicy(io, operatorDoor(services, io.env), 'profile.write', { kind: 'county' })) return 1;
 */
export function operatorDoor(services: GatewayServices, env: NodeJS.ProcessEnv): Door {
  const tree = services.orgTree('administrative');
  const county = tree === undefined ? '' : rootOf(tree).code;
  const user = env['USER'] ?? env['USERNAME'] ?? 'operator';
  return { principal: { subject: `cli:${user}`, role: 'county_admin', scope: county }, services };
}

/** Asks the policy; a refusal is printed with its code and both messages, as the other doors answer it. */
export function refusedByPolicy<A extends Action>(
  io: CliIo,
  door: Door,
  action: A,
  resource: ResourceOf<A>,
): boolean {
  try {
    authorise(door, action, resource, COUNTY);
    return false;
  } catch (error) {
    const refusal = gatewayErrorOf(error);
    if (refusal === undefined) throw error;
    io.err(`拒绝 refused: ${refusal.code}: ${refusal.text.zh} / ${refusal.text.en}`);
    return true;
  }
}
