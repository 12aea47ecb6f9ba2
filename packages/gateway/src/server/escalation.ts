import type { EscalationSweep } from '@jiceng/persistence';
import { sweepOverdueRequests } from '../application/grid/requests.js';
import type { GatewayServices } from '../kernel/context.js';

/**
 * The SLA clock of resident requests 诉求逐级上报: every open request past its due day goes up to
 * the level its deadline says (grid → community → street), as the `escalateOverdueRequests`
 * mutation does for one scope. `jiceng serve` runs a sweep of the whole database at start (so a
 * freshly loaded county shows its overdue requests where they belong) and then on a timer.
 *
 * Sweeps are safe to run from several gateways at once: each request is updated under its
 * optimistic version, so one that another sweep already moved is skipped, not moved twice.
 */
export interface EscalationSweeper {
  /** The sweep run at start. */
  readonly first: Promise<EscalationSweep>;
  /** Runs a sweep now (waits for one in progress instead of starting a second). */
  sweep(): Promise<EscalationSweep>;
  /** Stops the timer and waits for a sweep in progress. */
  stop(): Promise<void>;
}

export interface EscalationOptions {
  /** Minutes between sweeps; 0 runs only the first. */
  readonly everyMinutes: number;
  /** The clock (tests pass their own). */
  readonly now?: () => Date;
  /** Each finished sweep, for the log. */
  readonly onSweep?: (sweep: EscalationSweep, at: Date) => void;
  /** A sweep that failed (the timer keeps running; the next sweep retries). */
  readonly onError?: (error: unknown) => void;
}

export function startEscalationSweeps(
  services: GatewayServices,
  options: EscalationOptions,
): EscalationSweeper {
  if (!(Number.isFinite(options.everyMinutes) && options.everyMinutes >= 0)) {
    throw new RangeError(`escalation interval must be 0 or more minutes, got ${options.everyMinutes}`);
  }
  const clock = options.now ?? (() => new Date());
  let running: Promise<EscalationSweep> | undefined;
  const sweep = (): Promise<EscalationSweep> => {
    running ??= (async () => {
      const at = clock();
      const result = await sweepOverdueRequests({ em: services.db.em, services, now: at });
      options.onSweep?.(result, at);
      return result;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };
  const first = sweep();
  const timer =
    options.everyMinutes > 0
      ? setInterval(() => {
          sweep().catch((error: unknown) => options.onError?.(error));
        }, options.everyMinutes * 60_000)
      : undefined;
  // A timer alone never keeps the process alive: the server does.
  timer?.unref();
  return {
    first,
    sweep,
    stop: async () => {
      if (timer !== undefined) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
