#!/usr/bin/env node
import { runCli } from './run.js';

// The process edge: the one place that reads the clock, the environment and signals.
const stopped = new Promise<void>((resolve) => {
  process.once('SIGINT', () => resolve());
  process.once('SIGTERM', () => resolve());
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  now: new Date(),
  env: process.env,
  stopped,
});
