import { readFileSync } from 'node:fs';
import { CONSULTATION_ISSUE_CATALOG, CONSULTATION_ISSUE_CODES, CONSULTATION_STAGES } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const docs = readFileSync(new URL('../../../../docs/consultation.md', import.meta.url), 'utf8');
const tests = [
  'scenarios',
  'liaison-groups',
  'groups',
  'forms',
  'origination',
  'stages',
  'outcomes',
  'disclosure',
  'filing',
  'compliance',
]
  .map((name) => readFileSync(new URL(`./${name}.test.ts`, import.meta.url), 'utf8'))
  .join('\n');

/** Rows of the codes table as trimmed cells: code, zh, en. */
const codeRows = docs
  .split('\n')
  .filter((line) => /^\|\s*`CONSULTATION_[A-Z_]+`\s*\|/.test(line))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe('docs/consultation.md', () => {
  it('lists every issue code with both descriptions, word for word', () => {
    expect(codeRows.map(([code, zh, en]) => [code?.replaceAll('`', ''), zh, en])).toEqual(
      Object.entries(CONSULTATION_ISSUE_CATALOG).map(([code, text]) => [code, text.zh, text.en]),
    );
  });

  it('draws the five stages in the Mermaid state machine', () => {
    const diagram = docs.slice(
      docs.indexOf('stateDiagram-v2'),
      docs.indexOf('```', docs.indexOf('stateDiagram-v2')),
    );
    for (const stage of [...CONSULTATION_STAGES, 'completed']) expect(diagram).toContain(stage);
  });

  it('has a test refusing with every code', () => {
    const untested = CONSULTATION_ISSUE_CODES.filter((code) => !tests.includes(`'${code}'`));
    expect(untested).toEqual([]);
  });
});
