import {
  type Disclosure,
  disclose,
  maskEmail,
  maskMobile,
  maskName,
  maskPersonalField,
  maskResidentId,
  type PersonalDataKind,
  residentIdCheckDigit,
  validateMobile,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validFirst17, validMobile } from './arbitraries.js';

const KINDS: readonly PersonalDataKind[] = ['resident_id', 'mobile', 'name'];
const codePoints = (text: string) => Array.from(text).length;

describe('maskResidentId', () => {
  it.each([
    ['110105194912310021', '110105********0021'],
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    [' 11010519491231002X\u3000', '110105********002X'],
  ])('masks %j as %j, keeping the address code and the last 4', (id, masked) => {
    expect(maskResidentId(id)).toBe(masked);
  });

  it.each([
    ['11010519491231002', '110**************'],
    ['110105491231002', '110************'],
    ['1101051949', '11********'],
    ['110105', '1*****'],
    ['110', '***'],
    ['１１０１０５１９４９１２３１００２Ｘ', '１１０***************'],
  ])('masks the malformed %j as %j, keeping at most 3 characters', (value, masked) => {
    expect(maskResidentId(value)).toBe(masked);
  });
});

describe('maskMobile', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    [13812345678, '138****5678'],
  ])('masks %j as %j', (value, masked) => {
    expect(maskMobile(value)).toBe(masked);
  });

  it.each([
    ['010-12345678', '010*********'],
    ['1381234567', '13********'],
    ['12012345678', '12*********'],
  ])('masks the invalid %j as %j', (value, masked) => {
    expect(maskMobile(value)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    ['张三丰', '张**'],
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['阿依古丽·买买提', '阿*******'],
    ['𠮷田', '𠮷*'],
    ['Alice Smith', 'A**********'],
    [' 张三 ', '张*'],
    ['张', '*'],
    ['A', '*'],
    ['', ''],
    ['   ', ''],
  ])('masks %j as %j', (value, masked) => {
    expect(maskName(value)).toBe(masked);
  });
});

describe('maskEmail', () => {
  it.each([
    ['wang.fang@example.cn', 'w********@example.cn'],
    ['a@example.cn', '*@example.cn'],
    ['张三@例子.中国', '张*@例子.中国'],
    ['@example.cn', '@e*********'],
    ['no-at-sign', 'no********'],
  ])('masks %j as %j', (input, masked) => {
    expect(maskEmail(input)).toBe(masked);
  });

  it('never returns what it was given, nor anything of an odd value', () => {
    expect(maskEmail(null)).toBe('');
    expect(maskEmail({ email: 'x@y.cn' })).toBe('***');
  });
});

describe('maskPersonalField', () => {
  it('masks each kind with its own rule', () => {
    expect(maskPersonalField('resident_id', '11010519491231002X')).toBe('110105********002X');
    expect(maskPersonalField('mobile', '13812345678')).toBe('138****5678');
    expect(maskPersonalField('name', '张三丰')).toBe('张**');
  });

  it.each(KINDS)('turns null and undefined into an empty string, and objects into *** (%s)', (kind) => {
    expect(maskPersonalField(kind, null)).toBe('');
    expect(maskPersonalField(kind, undefined)).toBe('');
    expect(maskPersonalField(kind, { mobile: '13812345678' })).toBe('***');
    expect(maskPersonalField(kind, ['张三'])).toBe('***');
  });

  it('still masks when untyped code passes an unknown kind', () => {
    const kind = 'passport' as PersonalDataKind;
    expect(maskPersonalField(kind, '11010519491231002X')).toBe('110***************');
  });
});

describe('masks: properties', () => {
  const validId = validFirst17.map((first17) => first17 + residentIdCheckDigit(first17));

  it('keep the length of a valid resident identity number and hide its middle 8', () => {
    fc.assert(
      fc.property(validId, (id) => {
        const masked = maskResidentId(id);
        expect(masked).toHaveLength(18);
        expect(masked).not.toBe(id);
        expect(masked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
      }),
    );
  });

  it('keep the length of a valid mobile number and hide its middle 4', () => {
    fc.assert(
      fc.property(validMobile, (mobile) => {
        const masked = maskMobile(mobile);
        expect(masked).toHaveLength(11);
        expect(masked).not.toBe(mobile);
        expect(masked).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
      }),
    );
  });

  it('keep the length of a name and show only its first character', () => {
    const name = fc
      .string({ unit: 'grapheme', minLength: 2, maxLength: 12 })
      .filter((s) => s.trim() === s && s !== '');
    fc.assert(
      fc.property(name, (value) => {
        const masked = maskName(value);
        const [first, ...rest] = Array.from(value);
        expect(codePoints(masked)).toBe(codePoints(value));
        expect(masked).toBe(first + '*'.repeat(rest.length));
      }),
    );
  });

  it('never throw and always return text, whatever they are given', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.anything(), (kind, value) => {
        expect(typeof maskPersonalField(kind, value)).toBe('string');
      }),
    );
  });

  it('never contain the value they mask', () => {
    const text = fc
      .oneof(fc.string(), fc.string({ unit: 'grapheme' }), validId, validMobile)
      .filter((s) => s.trim() !== '' && !s.includes('*'));
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), text, (kind, value) => {
        const masked = maskPersonalField(kind, value);
        expect(masked).not.toContain(value);
        expect(masked).not.toContain(value.trim());
      }),
    );
  });

  it('keep at most the first 3 characters of malformed values', () => {
    const malformed = fc.string({ unit: 'grapheme' }).filter((s) => s.trim() === s);
    fc.assert(
      fc.property(fc.constantFrom<PersonalDataKind>('resident_id', 'mobile'), malformed, (kind, value) => {
        fc.pre(kind === 'resident_id' ? !/^\d{17}[\dXx]$/.test(value) : !validateMobile(value).ok);
        const masked = Array.from(maskPersonalField(kind, value));
        const kept = Math.min(3, Math.floor(Array.from(value).length / 4));
        expect(masked).toHaveLength(Array.from(value).length);
        expect(masked.slice(0, kept).join('')).toBe(Array.from(value).slice(0, kept).join(''));
        expect(masked.slice(kept).every((c) => c === '*')).toBe(true);
      }),
    );
  });
});

describe('disclose', () => {
  it('masks by default and gives the value unchanged only for full disclosure', () => {
    expect(disclose('mobile', '13812345678', 'masked')).toBe('138****5678');
    expect(disclose('mobile', '13812345678', 'full')).toBe('13812345678');
    expect(disclose('resident_id', '11010519491231002x', 'full')).toBe('11010519491231002x');
    expect(disclose('name', '张三丰', 'masked')).toBe('张**');
  });

  it.each(['FULL', 'all', '', 'masked '])('fails closed: the unknown disclosure %j masks', (disclosure) => {
    expect(disclose('name', '张三丰', disclosure as Disclosure)).toBe('张**');
  });

  it('masks a non-text value even for full disclosure', () => {
    expect(disclose('mobile', 13812345678 as unknown as string, 'full')).toBe('138****5678');
  });
});
