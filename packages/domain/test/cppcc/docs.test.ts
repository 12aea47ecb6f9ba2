// docs/cppcc.md: every issue code is documented once, word for word as the catalog says it, and
// emitted by its sample in both languages; the state machine is drawn whole; the worked example
// gives the figures the code gives.
import { readFileSync } from 'node:fs';
import {
  CPPCC_ISSUE_CATALOG,
  CPPCC_ISSUE_CODES,
  PROPOSAL_TRANSITIONS,
  proposalStatistics,
  publicProposals,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { CPPCC_SAMPLES, committeeSample } from './error-samples.js';
import { book, calendar, committee, d, proposal, rules } from './fixtures.js';

const docs = readFileSync(new URL('../../../../docs/cppcc.md', import.meta.url), 'utf8');
const glossary = readFileSync(new URL('../../../../docs/glossary.md', import.meta.url), 'utf8');

/** Rows of the codes table as trimmed cells: code, zh, en. */
const codeRows = docs
  .split('\n')
  .filter((line) => /^\|\s*`CPPCC_[A-Z_]+`\s*\|/.test(line))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe('docs/cppcc.md', () => {
  it.each(Object.entries(CPPCC_SAMPLES))(
    '%s is emitted by its sample, in Chinese and English',
    (code, sample) => {
      const found = sample().find((i) => i.code === code);
      expect(found, code).toBeDefined();
      expect(found?.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(found?.message.en.length).toBeGreaterThan(10);
      expect(found?.message.en).not.toMatch(/[\u4e00-\u9fff]{4,}/);
    },
  );

  it('checks a committee against the profile with the same codes', () => {
    expect(committeeSample().map((i) => i.code)).toEqual(['CPPCC_UNKNOWN_SECTOR']);
  });

  it('lists every issue code once with both descriptions, word for word', () => {
    expect(codeRows.map(([code, zh, en]) => [code?.replaceAll('`', ''), zh, en])).toEqual(
      Object.entries(CPPCC_ISSUE_CATALOG).map(([code, text]) => [code, text.zh, text.en]),
    );
    expect([...CPPCC_ISSUE_CODES].sort()).toEqual(Object.keys(CPPCC_SAMPLES).sort());
  });

  it('draws every transition of a proposal in the Mermaid state machine', () => {
    const start = docs.indexOf('stateDiagram-v2');
    const diagram = docs.slice(start, docs.indexOf('```', start));
    for (const t of PROPOSAL_TRANSITIONS) {
      for (const from of t.from) {
        for (const to of t.to === 'same' ? [from] : t.to) {
          expect(diagram, `${from} → ${to}`).toContain(`${from ?? '[*]'} --> ${to}: ${t.action}`);
        }
      }
    }
  });

  it('gives the figures of the worked example', () => {
    const p2 = proposal(book, 'P2');
    expect(proposal(book, 'P1').units[0]?.dueOn).toBe('2025-05-12');
    expect(p2.rounds[1]?.dueOn).toBe('2025-04-03');
    expect(p2.rounds[1]?.reply?.overdueWorkingDays).toBe(1);
    expect(proposal(book, 'P4').rounds[0]?.reply?.overdueWorkingDays).toBe(7);
    for (const figure of [
      '2025-05-12',
      '2025-04-03',
      '2025-03-14',
      '十届三次会议第1号',
      '2 of 4',
      '2 of 3',
      '4 of 5',
    ]) {
      expect(docs).toContain(figure);
    }
    const stats = proposalStatistics(book, { asOf: d('2025-06-30'), rules, calendar, committee });
    expect(
      [stats.total.onTimeRate, stats.total.satisfactionRate, stats.total.filingRate].map(
        (r) => `${r.count} of ${r.of}`,
      ),
    ).toEqual(['2 of 4', '2 of 3', '4 of 5']);
    expect(publicProposals(book, { rules, committee })[0]?.citation?.zh).toBe('十届三次会议第1号');
  });

  it('puts the CPPCC terms in the glossary', () => {
    for (const term of [
      '提案',
      '立案',
      '并案',
      '主办',
      '协办',
      '重点提案',
      '履职',
      '社情民意信息',
      '村事民定',
    ]) {
      expect(glossary).toContain(term);
    }
  });
});
