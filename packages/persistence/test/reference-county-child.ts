// The reference county's load as its own process, for the test that kills it part way:
//   node --import tsx --conditions=@jiceng/source test/reference-county-child.ts <url> <step> <nth>
// At the nth progress report of <step> it prints `halted <step> <nth>` and stops dead (the
// event loop blocked, an open transaction left open) until the test kills it with SIGKILL.
import { writeSync } from 'node:fs';
import { openDatabase } from '@jiceng/persistence';
import { seedReferenceCounty } from '@jiceng/persistence/seed';
import { CRASH_OPTIONS } from './reference-county-crash-plan.js';

const [url, step, nth] = process.argv.slice(2);
if (url === undefined || step === undefined || nth === undefined)
  throw new Error('usage: reference-county-child.ts <database url> <step> <nth>');
const db = await openDatabase({ url });
let seen = 0;
await seedReferenceCounty(db, {
  ...CRASH_OPTIONS,
  onProgress: (p) => {
    if (p.step !== step || ++seen < Number(nth)) return;
    writeSync(1, `halted ${step} ${nth}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  },
});
writeSync(1, 'finished without halting\n');
await db.close();
