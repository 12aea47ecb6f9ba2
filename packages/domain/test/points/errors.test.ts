import { readFileSync } from 'node:fs';
import { type Issue, POINT_ENTRY_TRANSITIONS } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';
import { CO_BUILDING_SAMPLES, overCapNote, POINTS_SAMPLES } from './error-samples.js';

const docs = readFileSync(new URL('../../../../docs/points.md', import.meta.url), 'utf8');
const CJK = /[\u3400-\u9fff]/;

/** Rows of the docs' code tables as trimmed cells: code, when, zh, en. (Biome pads the columns.) */
const codeRows = docs
  .split('\n')
  .filter((line) => /^\|\s*`[A-Z_]+`\s*\|/.test(line))
  .map((line) =>
    line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim().replaceAll('\\|', '|')),
  );

const runs: [string, () => readonly Issue[]][] = [
  ...Object.entries(POINTS_SAMPLES),
  ...Object.entries(CO_BUILDING_SAMPLES),
];
const samples = runs.map(([code, run]) => ({ code, issues: run() }));

describe('every error code', () => {
  it.each(samples)('$code is emitted with a message in Chinese and in English', ({ code, issues }) => {
    expect(issues.length).toBeGreaterThan(0);
    for (const found of issues) {
      expect(found.code).toBe(code);
      expect(found.message.zh).toMatch(CJK);
      expect(found.message.en.length).toBeGreaterThan(10);
      expect(found.message.en).not.toMatch(CJK);
    }
  });

  it('gives the over-cap note in both languages, as a note and not a refusal', () => {
    const note = overCapNote();
    expect(note?.code).toBe('POINTS_OVER_CAP');
    expect(note?.message.zh).toBe('“志愿服务”月度上限 10 分，本期已记 8 分，本条 4 分，预计只计 2 分');
    expect(note?.message.en).toBe(
      '"Volunteer service" has a monthly cap of 10; 8 already recorded in the period, this entry\'s 4 will count as 2',
    );
  });
});

describe('docs/points.md', () => {
  it('lists every code with both messages word for word', () => {
    const emitted = samples.flatMap((s) => s.issues);
    const note = overCapNote()!;
    const all = [
      ...emitted.map((i) => ({ code: i.code, message: i.message })),
      { code: note.code, message: note.message },
    ];
    const documented = new Set(codeRows.map(([code]) => code?.replaceAll('`', '')));
    expect(documented).toEqual(new Set(all.map((i) => i.code)));
    for (const found of all) {
      const row = codeRows.find(([code, , zh]) => code === `\`${found.code}\`` && zh === found.message.zh);
      expect(row, `${found.code}: ${found.message.zh}`).toBeDefined();
      expect(row?.[3]).toBe(found.message.en);
    }
  });

  it('draws every transition of the state machine with its roles', () => {
    for (const t of POINT_ENTRY_TRANSITIONS) {
      for (const from of t.from) {
        const edge = new RegExp(`${from} --> ${t.to}: ${t.action} \\[${t.roles.join(', ')}\\]`);
        expect(docs).toMatch(edge);
      }
    }
  });
});
