import { validateMobile } from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validMobile } from './arbitraries.js';

function reasonOf(value: unknown): unknown {
  const result = validateMobile(value);
  if (result.ok) throw new Error(`expected a failure for ${String(value)}`);
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]?.code).toBe('MOBILE_FORMAT');
  return result.issues[0]?.details?.['reason'];
}

describe('validateMobile: accepted forms', () => {
  it.each([
    '13812345678',
    ' 13812345678 ',
    '\u300013812345678',
    '138 1234 5678',
    '138-1234-5678',
    '+8613812345678',
    '+86 138 1234 5678',
    '+86-138-1234-5678',
    '008613812345678',
    '0086 138 1234 5678',
    '8613812345678',
    '86 138 1234 5678',
  ])('normalises %j to 13812345678', (value) => {
    expect(validateMobile(value)).toEqual({ ok: true, value: '13812345678' });
  });

  it.each(['3', '4', '5', '6', '7', '8', '9'])('accepts the second digit %s', (second) => {
    expect(validateMobile(`1${second}912345678`).ok).toBe(true);
  });
});

describe('validateMobile: MOBILE_FORMAT', () => {
  it.each([
    '010-12345678',
    '01012345678',
    '(010) 1234 5678',
    '0571-8888888',
    '0571-88888888',
    '+86 10 1234 5678',
    '+86 571 8888 8888',
    '0086 21 6666 6666',
    '87654321',
    '6666666',
  ])('rejects the landline %j as a landline', (value) => {
    expect(reasonOf(value)).toBe('landline');
  });

  it('tells a person clearly that a landline is not a mobile number', () => {
    const result = validateMobile('010-12345678');
    expect(!result.ok && result.issues[0]?.message.zh).toContain('固定电话');
    expect(!result.ok && result.issues[0]?.message.en).toContain('landline');
  });

  it.each(['10012345678', '11012345678', '12012345678'])(
    'rejects %s, whose second digit is not 3–9',
    (value) => {
      expect(reasonOf(value)).toBe('prefix');
    },
  );

  it.each(['1381234567', '138123456789', '', '   ', '+86', '8613812345', '86138123456789'])(
    'rejects %j for its length',
    (value) => {
      expect(reasonOf(value)).toBe('length');
    },
  );

  it.each([
    '138a1234567',
    '138.1234.5678',
    '138_1234_5678',
    '+86+13812345678',
    '13812345678#',
    '138 1234 5678 转 1',
  ])('rejects %j for its characters', (value) => {
    expect(reasonOf(value)).toBe('characters');
  });

  it.each(['+852 9123 4567', '+1 415 555 0100', '00852 9123 4567', '+81 90 1234 5678'])(
    'rejects the foreign number %j',
    (value) => {
      expect(reasonOf(value)).toBe('not_mainland');
    },
  );

  it.each(['１３８１２３４５６７８', '＋86 13812345678', '138－1234－5678'])(
    'rejects the full-width %j',
    (value) => {
      expect(reasonOf(value)).toBe('full_width');
    },
  );

  it.each([null, undefined, 13812345678, 13812345678n, {}, ['13812345678']])(
    'rejects the non-string %s',
    (value) => {
      expect(reasonOf(value)).toBe('type');
    },
  );

  it('puts the given path on the issue and never repeats the number', () => {
    const result = validateMobile('+86 12012345678', { path: ['contact', 'mobile'] });
    expect(!result.ok && result.issues[0]?.path).toEqual(['contact', 'mobile']);
    expect(JSON.stringify(result)).not.toContain('12012345678');
  });
});

describe('validateMobile: properties', () => {
  const prefix = fc.constantFrom('', '+86', '0086', '86', '+86 ', '0086-');
  /** Splits the digits into groups joined by spaces or hyphens, as people write them. */
  const written = fc
    .tuple(
      validMobile,
      prefix,
      fc.array(fc.constantFrom('', ' ', '-', '  '), { minLength: 11, maxLength: 11 }),
    )
    .map(([mobile, before, separators]) => ({
      mobile,
      text: before + [...mobile].map((digit, i) => digit + (i < 10 ? separators[i] : '')).join(''),
    }));

  it('normalises any written form back to the 11 digits', () => {
    fc.assert(
      fc.property(written, ({ mobile, text }) => {
        expect(validateMobile(text)).toEqual({ ok: true, value: mobile });
      }),
    );
  });

  it('is idempotent: a normalised number validates to itself', () => {
    fc.assert(
      fc.property(validMobile, (mobile) => {
        expect(validateMobile(mobile)).toEqual({ ok: true, value: mobile });
      }),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[+\d ()-]{0,20}$/)), (value) => {
        expect(typeof validateMobile(value).ok).toBe('boolean');
      }),
    );
  });

  it('accepts only 11 digits starting 13–19 once separators and the country prefix are gone', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,14}$/), (digits) => {
        const result = validateMobile(digits);
        if (result.ok) expect(result.value).toMatch(/^1[3-9]\d{9}$/);
        if (/^1[3-9]\d{9}$/.test(digits)) expect(result).toEqual({ ok: true, value: digits });
      }),
    );
  });
});
