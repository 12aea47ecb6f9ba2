import { type ParseArgsConfig, parseArgs } from 'node:util';

/** The flags of a subcommand, as `parseArgs` takes them. */
type Options = NonNullable<ParseArgsConfig['options']>;

/** Where the CLI writes, what time it is and its environment; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly now: Date;
  readonly env: NodeJS.ProcessEnv;
  /** Resolves when the process should stop (SIGINT/SIGTERM); `serve` waits on it. */
  readonly stopped?: Promise<void>;
  /**
   * Set when stderr is a terminal: progress is then a bar redrawn in place (raw text, no newline
   * added). Without it, progress is a few summary lines, as a log wants.
   */
  readonly terminal?: { write(text: string): void };
  /** Milliseconds on a monotonic clock (`performance.now`), for how long a step took. */
  readonly elapsed?: () => number;
}

/**
 * A subcommand's flags and positionals, or `undefined` after telling the operator what was wrong
 * with them and the usage (the command then exits with 2).
 *
 * @example
 * const parsed = commandArgs(args, { db: { type: 'string' } }, USAGE, io);
 * if (parsed === undefined) return 2;
 */
export function commandArgs<const O extends Options>(
  args: readonly string[],
  options: O,
  usage: string,
  io: CliIo,
): ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: true }>> | undefined {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    io.err(`参数错误 bad arguments: ${(error as Error).message}\n\n${usage}`);
    return undefined;
  }
}
