#!/usr/bin/env node
import { runCli } from './run.js';

// The process edge: the one place that reads the clock, the environment and signals.
const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

// A reader that stops early (`jiceng schema | head`) closes the pipe: that is the end of the
// output, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  now: new Date(),
  env: process.env,
  stopped,
  ...(process.stderr.isTTY ? { terminal: { write: (text: string) => process.stderr.write(text) } } : {}),
  elapsed: () => performance.now(),
});
