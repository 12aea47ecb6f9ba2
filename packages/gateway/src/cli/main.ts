#!/usr/bin/env node
import { runCli } from './run.js';

// The one place that reads the clock: "today" in China Standard Time, handed to the rules.
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

const code = await runCli(
  process.argv.slice(2),
  {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  },
  today,
);
process.exitCode = code;
