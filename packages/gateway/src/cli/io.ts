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
