import {
  type ResidentIdIssueCode,
  type ResidentIdOptions,
  residentIdCheckDigit,
  validateResidentId,
} from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validFirst17 } from './arbitraries.js';

type Today = NonNullable<ResidentIdOptions['today']>;
const today = '2026-03-01' as Today;

/** The issues of a failed validation; fails the test when validation succeeded. */
function issuesOf(value: unknown, options?: ResidentIdOptions) {
  const result = validateResidentId(value, options);
  if (result.ok) throw new Error(`expected a failure for ${String(value)}`);
  return result.issues;
}

function codesOf(value: unknown, options?: ResidentIdOptions): ResidentIdIssueCode[] {
  return issuesOf(value, options).map((i) => i.code);
}

/** With a valid check digit, so only the rule under test can fail. */
function withCheckDigit(first17: string): string {
  return first17 + residentIdCheckDigit(first17);
}

// Synthetic numbers, one per check digit, computed independently (by hand in Python) from the
// weights and map of GB 11643-1999; they are not taken from the implementation under test.
const GOLDEN: readonly (readonly [string, string])[] = [
  ['320106199001010040', '0'],
  ['320106199001010091', '1'],
  ['320106199001010032', '2'],
  ['320106199001010083', '3'],
  ['320106199001010024', '4'],
  ['320106199001010075', '5'],
  ['320106199001010016', '6'],
  ['320106199001010067', '7'],
  ['320106199001010008', '8'],
  ['320106199001010059', '9'],
  ['32010619900101018X', 'X'],
  ['11010519491231002X', 'X'],
  ['44030419900307123X', 'X'],
];

describe('residentIdCheckDigit', () => {
  it.each(GOLDEN)('gives the GB 11643 check digit of %s', (id, digit) => {
    expect(residentIdCheckDigit(id.slice(0, 17))).toBe(digit);
  });

  it.each([
    '1101051949123100',
    '110105194912310021',
    '1101051949123100x',
    '１１０１０５１９４９１２３１００２',
  ])('throws a TypeError for %j, which is not 17 ASCII digits (a programmer error)', (bad) => {
    expect(() => residentIdCheckDigit(bad)).toThrow(TypeError);
  });
});

describe('validateResidentId: valid numbers', () => {
  it('reads 11010519491231002X, the example number of the standard', () => {
    expect(validateResidentId('11010519491231002X', { today })).toEqual({
      ok: true,
      value: {
        value: '11010519491231002X',
        addressCode: '110105',
        birthDate: '1949-12-31',
        sex: 'female',
        checkDigit: 'X',
      },
    });
  });

  it.each(GOLDEN)('accepts %s', (id, digit) => {
    const result = validateResidentId(id);
    expect(result.ok && result.value.checkDigit).toBe(digit);
  });

  it('accepts a lower-case x and normalises it to X', () => {
    const result = validateResidentId('11010519491231002x');
    expect(result.ok && result.value.value).toBe('11010519491231002X');
    expect(result.ok && result.value.checkDigit).toBe('X');
  });

  it.each([
    ' 11010519491231002X',
    '11010519491231002X\n',
    '\t11010519491231002x ',
    '\u300011010519491231002X\u3000',
  ])('trims surrounding whitespace, including the ideographic space: %j', (padded) => {
    const result = validateResidentId(padded);
    expect(result.ok && result.value.value).toBe('11010519491231002X');
  });

  it('reads sex from the parity of the 17th digit', () => {
    const male = validateResidentId('320106199001010091');
    const female = validateResidentId('320106199001010008');
    expect(male.ok && male.value.sex).toBe('male');
    expect(female.ok && female.value.sex).toBe('female');
  });

  it('accepts 29 February in a leap year and a birth on the day of validation', () => {
    expect(validateResidentId(withCheckDigit('11010520000229001')).ok).toBe(true);
    expect(validateResidentId(withCheckDigit('11010520260301001'), { today }).ok).toBe(true);
  });

  it('accepts every province prefix of GB/T 2260, Taiwan, Hong Kong and Macao included', () => {
    for (const province of ['11', '46', '54', '65', '71', '81', '82']) {
      expect(validateResidentId(withCheckDigit(`${province}010519491231002`)).ok, province).toBe(true);
    }
  });

  it('without `today`, does not limit the birth date from above', () => {
    expect(validateResidentId(withCheckDigit('11010520990101001')).ok).toBe(true);
  });
});

describe('validateResidentId: RESIDENT_ID_FORMAT', () => {
  it.each([null, undefined, 13812345678, 11010519491231002n, {}, ['11010519491231002X'], true, Symbol('id')])(
    'rejects the non-string %s',
    (value) => {
      const [only, ...rest] = issuesOf(value);
      expect(rest).toEqual([]);
      expect(only?.code).toBe('RESIDENT_ID_FORMAT');
      expect(only?.details).toEqual({ reason: 'type' });
    },
  );

  it.each([
    ['', 0],
    ['1101051949123100', 16],
    ['11010519491231002', 17],
    ['11010519491231002X1', 19],
    ['110105 19491231 002X', 20],
  ])('rejects %j for its length (%i)', (value, length) => {
    expect(issuesOf(value)).toEqual([
      expect.objectContaining({ code: 'RESIDENT_ID_FORMAT', details: { reason: 'length', length } }),
    ]);
  });

  it.each([
    '1101051949123100XX',
    '11010519491231002Y',
    'A1010519491231002X',
    '110105-94912310021',
    '11010519491231002*',
  ])('rejects %j for its characters', (value) => {
    expect(issuesOf(value)).toEqual([
      expect.objectContaining({ code: 'RESIDENT_ID_FORMAT', details: { reason: 'characters' } }),
    ]);
  });

  it('rejects full-width digits with a message that says so', () => {
    const [only] = issuesOf('１１０１０５１９４９１２３１００２Ｘ');
    expect(only?.code).toBe('RESIDENT_ID_FORMAT');
    expect(only?.details).toEqual({ reason: 'full_width' });
    expect(only?.message.zh).toContain('全角');
  });

  it('rejects the old 15-digit form with its own message', () => {
    const [only] = issuesOf('110105491231002');
    expect(only?.code).toBe('RESIDENT_ID_FORMAT');
    expect(only?.details).toEqual({ reason: 'legacy_15_digit' });
    expect(only?.message.zh).toContain('15位');
    expect(only?.message.en).toContain('15-digit');
  });
});

describe('validateResidentId: RESIDENT_ID_REGION', () => {
  it.each([
    '00',
    '10',
    '16',
    '20',
    '24',
    '30',
    '38',
    '40',
    '47',
    '49',
    '55',
    '60',
    '66',
    '70',
    '72',
    '80',
    '83',
    '90',
    '99',
  ])('rejects the province prefix %s', (province) => {
    expect(issuesOf(withCheckDigit(`${province}010519491231002`))).toEqual([
      expect.objectContaining({ code: 'RESIDENT_ID_REGION', details: { province } }),
    ]);
  });
});

describe('validateResidentId: RESIDENT_ID_BIRTH_DATE', () => {
  it.each([
    ['19490230', 'not_a_date'],
    ['19000229', 'not_a_date'],
    ['19490431', 'not_a_date'],
    ['19491301', 'not_a_date'],
    ['19490001', 'not_a_date'],
    ['19491200', 'not_a_date'],
    ['18991231', 'before_1900'],
    ['00000101', 'before_1900'],
    ['20260302', 'after_today'],
  ])('rejects the birth date %s (%s)', (birth, reason) => {
    expect(issuesOf(withCheckDigit(`110105${birth}002`), { today })).toEqual([
      expect.objectContaining({ code: 'RESIDENT_ID_BIRTH_DATE', details: { reason } }),
    ]);
  });

  it('throws a TypeError when `today` is not a real date (a programmer error, not bad input)', () => {
    expect(() => validateResidentId('11010519491231002X', { today: '2026-02-30' as Today })).toThrow(
      TypeError,
    );
  });
});

describe('validateResidentId: RESIDENT_ID_CHECKSUM', () => {
  it.each(['110105194912310020', '110105194912310021', '110105194912310029'])(
    'rejects %s, whose check digit is wrong',
    (id) => {
      expect(codesOf(id)).toEqual(['RESIDENT_ID_CHECKSUM']);
    },
  );
});

describe('validateResidentId: reporting', () => {
  it('reports region, birth date and check digit together, in that order', () => {
    expect(codesOf('990105194902301234', { today })).toEqual([
      'RESIDENT_ID_REGION',
      'RESIDENT_ID_BIRTH_DATE',
      'RESIDENT_ID_CHECKSUM',
    ]);
  });

  it('puts the given path on every issue', () => {
    const path = ['residents', 3, 'residentId'];
    for (const found of issuesOf('990105194902301234', { path })) expect(found.path).toEqual(path);
    expect(issuesOf(null, { path })[0]?.path).toEqual(path);
  });

  it('gives every issue a Chinese and an English message that do not repeat the number', () => {
    const inputs = [
      '990105194902301234',
      '110105491231002',
      '11010519491231002',
      '１１０１０５１９４９１２３１００２Ｘ',
    ];
    for (const input of inputs) {
      for (const found of issuesOf(input, { today })) {
        expect(found.message.zh).not.toBe('');
        expect(found.message.en).not.toBe('');
        const serialised = JSON.stringify(found);
        expect(serialised).not.toContain(input);
        expect(serialised).not.toContain(input.slice(6, 14));
      }
    }
  });
});

describe('validateResidentId: properties', () => {
  it('accepts any valid region and birth date followed by the computed check digit', () => {
    fc.assert(
      fc.property(validFirst17, (first17) => {
        const id = withCheckDigit(first17);
        const result = validateResidentId(id, { today });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.value.value).toBe(id);
        expect(result.value.addressCode).toBe(first17.slice(0, 6));
        expect(result.value.birthDate.replaceAll('-', '')).toBe(first17.slice(6, 14));
        expect(result.value.sex).toBe(Number(first17[16]) % 2 === 1 ? 'male' : 'female');
      }),
    );
  });

  it('rejects any single-character change, always with RESIDENT_ID_CHECKSUM', () => {
    const symbols = '0123456789X';
    fc.assert(
      fc.property(
        validFirst17,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 10 }),
        (first17, position, shift) => {
          const id = withCheckDigit(first17);
          const alphabet = position === 17 ? symbols : symbols.slice(0, 10);
          const old = alphabet.indexOf(id.charAt(position));
          const replacement = alphabet.charAt((old + shift) % alphabet.length);
          fc.pre(replacement !== id.charAt(position));
          const changed = id.slice(0, position) + replacement + id.slice(position + 1);
          expect(codesOf(changed)).toContain('RESIDENT_ID_CHECKSUM');
        },
      ),
    );
  });

  it('rejects any swap of two adjacent different digits, always with RESIDENT_ID_CHECKSUM', () => {
    fc.assert(
      fc.property(validFirst17, fc.integer({ min: 0, max: 15 }), (first17, position) => {
        const id = withCheckDigit(first17);
        const [a, b] = [id.charAt(position), id.charAt(position + 1)];
        fc.pre(a !== b);
        const swapped = id.slice(0, position) + b + a + id.slice(position + 2);
        expect(codesOf(swapped)).toContain('RESIDENT_ID_CHECKSUM');
      }),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[\dXx ]{14,20}$/)), (value) => {
        const result = validateResidentId(value, { today });
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
