import { runExample } from './example.js';

const result = runExample();
console.log(result.summary.zh);
for (const line of result.lines) console.log(`  ${line}`);
console.log(`民情直通车：(14.5, 3) → ${result.routed}；(25, 5) → ${result.outside}`);
