// Can the authorisation matrix fail? scripts/authz-mutants.mjs removes or inverts each check of
// the policy and scope code (auth/policy.ts, scope.ts, authorise.ts: every role cell and scope rule
// of the policy table, every condition, boolean return and logical operator of its functions) in
// turn and runs the matrix against each; a mutant is killed when any call answers against the
// matrix's table.
//   security.authz_mutants_killed       share of the mutants run that the matrix killed (goal 1.0;
//                                       the few it cannot kill are equivalent, each explained in
//                                       gateway-authorisation-matrix.test.ts)
//   security.authz_mutants_unexplained  survivors without an explanation (goal 0)
//   security.authz_mutants_run          how many mutants ran: all at --scale=1 and above; below,
//                                       every (1/scale)th of them, in file order (--scale=0.1: every 10th)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { report } from '../../../scripts/bench-harness.js';

export function run(scale: number): void {
  const sample = scale >= 1 ? 1 : Math.max(1, Math.round(1 / scale));
  const script = fileURLToPath(new URL('../../../scripts/authz-mutants.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--json', `--sample=${sample}`], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    // The run seeds the reference county and calls the matrix a few thousand times per mutant.
    timeout: 15 * 60_000,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  let outcome: { total: number; of: number; killed: number; unexplained: string[] };
  try {
    outcome = JSON.parse(line) as typeof outcome;
  } catch {
    throw new Error(`authz-mutants gave no result (exit ${result.status}): ${result.stdout.slice(-500)}`);
  }
  if (sample > 1)
    process.stderr.write(`authz-mutants: every ${sample}th of ${outcome.of} mutants (--scale=${scale})\n`);
  report('security.authz_mutants_killed', outcome.killed / outcome.total, 'x');
  report('security.authz_mutants_unexplained', outcome.unexplained.length, 'count');
  report('security.authz_mutants_run', outcome.total, 'count');
}
