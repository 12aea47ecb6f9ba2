// One `jiceng import FILE --db URL` as a county operator runs it, in a process of its own so its
// peak memory is the import's alone (after `jiceng migrate`, which is not timed). Prints one JSON
// line: the exit code, the import's time in ms and the process's peak RSS.
import { runCli } from '@jiceng/gateway';

const [file, url] = process.argv.slice(2) as [string, string];
const io = {
  out: () => {},
  err: (line: string) => process.stderr.write(`${line}\n`),
  now: new Date(),
  env: { ...process.env, JICENG_LOG_LEVEL: 'silent' },
};
if ((await runCli(['migrate', '--db', url], io)) !== 0) throw new Error('migrate failed');
const start = performance.now();
const code = await runCli(['import', file, '--db', url], io);
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ code, ms, maxRssKb: process.resourceUsage().maxRSS })}\n`);
