import { readFileSync } from 'node:fs';
import {
  type MobileIssueCode,
  type ResidentIdIssueCode,
  type ResidentIdOptions,
  validateMobile,
  validateResidentId,
} from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

const docs = readFileSync(new URL('../../../../docs/personal-data.md', import.meta.url), 'utf8');
type Failure = Extract<
  ReturnType<typeof validateResidentId> | ReturnType<typeof validateMobile>,
  { ok: false }
>;
type Issue = Failure['issues'][number];

const today = '2026-03-01' as NonNullable<ResidentIdOptions['today']>;

/** One input per code and reason; the record's type makes the compiler list every code. */
const RESIDENT_ID_SAMPLES: Record<ResidentIdIssueCode, readonly string[]> = {
  RESIDENT_ID_FORMAT: [
    '１１０１０５１９４９１２３１００２Ｘ',
    '110105491231002',
    '1101051949',
    '11010519491231002Y',
  ],
  RESIDENT_ID_REGION: ['990105194912310024'],
  RESIDENT_ID_BIRTH_DATE: ['110105194902300020', '110105189912310020', '110105209912310020'],
  RESIDENT_ID_CHECKSUM: ['110105194912310021'],
};
const MOBILE_SAMPLES: Record<MobileIssueCode, readonly string[]> = {
  MOBILE_FORMAT: ['１３８', '+852 9123 4567', '010-12345678', '138a1234567', '1381234567', '12012345678'],
};

function emitted(): Issue[] {
  const results: (ReturnType<typeof validateResidentId> | ReturnType<typeof validateMobile>)[] = [
    validateResidentId(42),
    validateMobile(42),
    ...Object.values(RESIDENT_ID_SAMPLES)
      .flat()
      .map((value) => validateResidentId(value, { today })),
    ...Object.values(MOBILE_SAMPLES)
      .flat()
      .map((value) => validateMobile(value)),
  ];
  return results.flatMap((result): Issue[] => (result.ok ? [] : [...result.issues]));
}

/** The rows of the codes table as trimmed cells: code, details, zh, en. (Biome pads the columns.) */
const codeRows = docs
  .split('\n')
  .filter((line) => /^\|\s*`[A-Z_]+`\s*\|/.test(line))
  .map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );

describe('docs/personal-data.md', () => {
  it('lists every code with its reason and both messages, word for word', () => {
    const issues = emitted();
    const codes = new Set(issues.map((i) => i.code));
    expect(codes).toEqual(new Set([...Object.keys(RESIDENT_ID_SAMPLES), ...Object.keys(MOBILE_SAMPLES)]));
    const reasons = new Set(issues.map((i) => `${i.code} ${String(i.details?.['reason'])}`));
    expect(codeRows).toHaveLength(17);
    expect(reasons.size).toBe(codeRows.length);

    for (const found of issues) {
      const length = found.details?.['length'];
      const template = (text: string) =>
        length === undefined ? text : text.replace(String(length), '{length}');
      const reason = found.details?.['reason'];
      const row = codeRows.find(
        ([code, details]) =>
          code === `\`${found.code}\`` &&
          (reason === undefined || details?.includes(`reason: '${String(reason)}'`)),
      );
      expect(row, `${found.code} ${String(reason)}`).toBeDefined();
      expect(row?.[2]).toBe(template(found.message.zh));
      expect(row?.[3]).toBe(template(found.message.en));
    }
  });
});
