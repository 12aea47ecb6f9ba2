import {
  type DivisionCodeProblem,
  divisionCodeParent,
  isDivisionWithin,
  JicengError,
  PROVINCE_PREFIXES,
  validateDivisionCode,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Written out again so that the tests do not trust the source's list. */
// biome-ignore format: a flat list reads better than one code per line
const PROVINCES = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
] as const;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A statistical village code with every part non-zero. */
const villageCode = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 99 }),
    fc.integer({ min: 1, max: 999 }),
    fc.integer({ min: 1, max: 999 }),
  )
  .map(([p, c, d, t, v]) => `${p}${pad(c, 2)}${pad(d, 2)}${pad(t, 3)}${pad(v, 3)}`);

function problemOf(code: unknown): DivisionCodeProblem | undefined {
  const result = validateDivisionCode(code, ['where']);
  if (result.ok) return undefined;
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]?.code).toBe('ORG_INVALID_DIVISION_CODE');
  expect(result.issues[0]?.path).toEqual(['where']);
  return result.issues[0]?.details?.['reason'] as DivisionCodeProblem;
}

describe('validateDivisionCode', () => {
  it('uses the 34 province-level prefixes of GB/T 2260', () => {
    expect([...PROVINCE_PREFIXES]).toEqual([...PROVINCES]);
  });

  it.each([
    ['110000', 'province', '110000'],
    ['110100', 'city', '110100'],
    ['110105', 'county', '110105'],
    ['429004', 'county', '429004'],
    ['110105001', 'township', '110105001'],
    ['110105001001', 'village', '110105001001'],
    ['110105001000', 'township', '110105001'],
    ['110105000000', 'county', '110105'],
    ['110000000000', 'province', '110000'],
  ] as const)('reads %s as a %s code, canonically %s', (code, level, canonical) => {
    expect(validateDivisionCode(code)).toEqual({ ok: true, value: { code, level, canonical } });
  });

  it.each([
    ['11010', 'format'],
    ['1101050', 'format'],
    ['1101050010', 'format'],
    ['11010500100a', 'format'],
    ['１１０１０５', 'format'],
    ['', 'format'],
    [110105, 'format'],
    [null, 'format'],
    ['990105', 'province'],
    ['100105', 'province'],
    ['720105', 'province'],
    ['110005', 'segments'],
    ['110105000', 'segments'],
    ['110105000001', 'segments'],
    ['110001001001', 'segments'],
  ] as const)('rejects %j (%s)', (code, reason) => {
    expect(problemOf(code)).toBe(reason);
  });

  it('names the code in both languages', () => {
    const result = validateDivisionCode('990105');
    expect(result.ok ? undefined : result.issues[0]?.message).toEqual({
      zh: '“990105”不是有效的行政区划代码：前两位不是有效的省级代码',
      en: '"990105" is not a valid division code: the first two digits are not a valid province prefix',
    });
  });

  it('accepts every province prefix and no other', () => {
    for (let p = 0; p <= 99; p++) {
      const prefix = pad(p, 2);
      expect(validateDivisionCode(`${prefix}0000`).ok).toBe(
        (PROVINCES as readonly string[]).includes(prefix),
      );
    }
  });
});

describe('divisionCodeParent and isDivisionWithin', () => {
  it('climbs village → township → county → city → province', () => {
    const chain: (string | null)[] = ['110105001001'];
    for (let code = chain[0]; code != null; code = chain.at(-1)) chain.push(divisionCodeParent(code));
    expect(chain).toEqual(['110105001001', '110105001', '110105', '110100', '110000', null]);
    expect(divisionCodeParent('110105001000')).toBe('110105');
  });

  it('treats padded and short forms alike', () => {
    expect(isDivisionWithin('110105', '110105001001')).toBe(true);
    expect(isDivisionWithin('110105000000', '110105001')).toBe(true);
    expect(isDivisionWithin('110105001000', '110105001001')).toBe(true);
    expect(isDivisionWithin('110105001', '110105001')).toBe(true);
    expect(isDivisionWithin('110106', '110105001001')).toBe(false);
    expect(isDivisionWithin('110105001001', '110105001')).toBe(false);
    expect(isDivisionWithin('110105001', '110105002001')).toBe(false);
  });

  it('throws ORG_INVALID_DIVISION_CODE for invalid input', () => {
    expect(() => divisionCodeParent('990105')).toThrow(JicengError);
    expect(() => isDivisionWithin('110105', 'x')).toThrow(/ORG_INVALID_DIVISION_CODE/);
  });

  it('property: every ancestor of a village contains it, and the chain has five levels', () => {
    fc.assert(
      fc.property(villageCode, (code) => {
        const levels: string[] = [];
        let previous = code;
        for (let parent = divisionCodeParent(code); parent !== null; parent = divisionCodeParent(parent)) {
          expect(isDivisionWithin(parent, code)).toBe(true);
          expect(isDivisionWithin(parent, previous)).toBe(true);
          expect(isDivisionWithin(previous, parent)).toBe(false);
          const checked = validateDivisionCode(parent);
          levels.push(checked.ok ? checked.value.level : 'invalid');
          previous = parent;
        }
        expect(levels).toEqual(['township', 'county', 'city', 'province']);
      }),
    );
  });

  it('property: containment is a prefix of the significant digits', () => {
    fc.assert(
      fc.property(villageCode, villageCode, (a, b) => {
        const sameTownship = a.slice(0, 9) === b.slice(0, 9);
        expect(isDivisionWithin(a.slice(0, 9), b)).toBe(sameTownship);
        expect(isDivisionWithin(`${a.slice(0, 9)}000`, b)).toBe(sameTownship);
        expect(isDivisionWithin(a, b)).toBe(a === b);
      }),
    );
  });
});
