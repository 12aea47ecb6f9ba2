// The import as a county operator runs it, in a process of its own so its peak memory is the
// import's alone: `jiceng import FILE --db URL`, twice (a first load, then the same file again,
// which changes nothing). Prints one JSON line: the exit codes, the times in ms and the peak RSS.
import { runCli } from '@jiceng/gateway';

const [file, url] = process.argv.slice(2) as [string, string];
const io = {
  out: () => {},
  err: (line: string) => process.stderr.write(`${line}\n`),
  now: new Date(),
  env: { ...process.env, JICENG_LOG_LEVEL: 'silent' },
};
if ((await runCli(['migrate', '--db', url], io)) !== 0) throw new Error('migrate failed');
const times: number[] = [];
const codes: number[] = [];
for (let i = 0; i < 2; i++) {
  const start = performance.now();
  codes.push(await runCli(['import', file, '--db', url], io));
  times.push(performance.now() - start);
}
process.stdout.write(`${JSON.stringify({ codes, times, maxRssKb: process.resourceUsage().maxRSS })}\n`);
