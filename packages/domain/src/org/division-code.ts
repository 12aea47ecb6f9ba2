import { type Issue, type IssuePath, issue, JicengError, type LocalizedText } from '../shared/errors.js';
import { fail, ok, type Result } from '../shared/result.js';
import { shown } from './issues.js';

/**
 * The level a division code names. GB/T 2260 covers province, city (prefecture) and county; the
 * statistical division code 统计用区划代码 adds township (乡镇/街道) and village (村/社区).
 */
export type DivisionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

export const DIVISION_LEVEL_LABELS: { readonly [L in DivisionLevel]: LocalizedText } = {
  province: { zh: '省', en: 'province' },
  city: { zh: '市', en: 'city' },
  county: { zh: '县', en: 'county' },
  township: { zh: '乡镇/街道', en: 'township' },
  village: { zh: '村/社区', en: 'village' },
};

/**
 * The province-level prefixes of GB/T 2260: the first two digits of every valid code
 * (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门).
 */
// biome-ignore format: a flat list reads better than one code per line
export const PROVINCE_PREFIXES: readonly string[] = [
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42',
  '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
];

const PROVINCES: ReadonlySet<string> = new Set(PROVINCE_PREFIXES);

/** A division code that passed {@link validateDivisionCode}. */
export interface DivisionCode {
  /** The code as given: 6, 9 or 12 digits. */
  readonly code: string;
  /**
   * The shortest form naming the same division: 6 digits down to county (`110100`, `110105`),
   * 9 for a township (`110105001`), 12 for a village. The statistical tables pad every code to
   * 12 digits (`110105001000`), so padded and short forms of one division compare equal here.
   */
  readonly canonical: string;
  readonly level: DivisionLevel;
}

export type DivisionCodeIssueCode = 'ORG_INVALID_DIVISION_CODE';

/** Why a code was rejected; carried in `details.reason`. */
export type DivisionCodeProblem = 'format' | 'province' | 'segments';

const LEVEL_BY_DEPTH: readonly DivisionLevel[] = ['province', 'city', 'county', 'township', 'village'];
/** How many leading digits of the canonical form identify a division of each level. */
const SIGNIFICANT_DIGITS: { readonly [L in DivisionLevel]: number } = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
};
const CODE_SHAPE = /^(?:\d{6}|\d{9}|\d{12})$/;
const ZEROS = /^0+$/;

function parse(code: unknown): DivisionCode | DivisionCodeProblem {
  if (typeof code !== 'string' || !CODE_SHAPE.test(code)) return 'format';
  if (!PROVINCES.has(code.slice(0, 2))) return 'province';
  // city 2, county 2, township 3, village 3 digits; the 6- and 9-digit forms stop early.
  const segments = [code.slice(2, 4), code.slice(4, 6), code.slice(6, 9), code.slice(9, 12)].filter(
    (s) => s !== '',
  );
  let depth = 0;
  while (depth < segments.length && !ZEROS.test(segments[depth] ?? '')) depth++;
  // A zero segment means "this level and below are not named"; a named level below it is noise.
  for (let i = depth; i < segments.length; i++) if (!ZEROS.test(segments[i] ?? '')) return 'segments';
  // The 9-digit form exists only for townships.
  if (code.length === 9 && depth < 3) return 'segments';
  const level = LEVEL_BY_DEPTH[depth] ?? 'village';
  const canonical = depth <= 2 ? code.slice(0, 6) : code.slice(0, SIGNIFICANT_DIGITS[level]);
  return { code, canonical, level };
}

const PROBLEM_TEXT: { readonly [P in DivisionCodeProblem]: { readonly zh: string; readonly en: string } } = {
  format: {
    zh: '应为 6 位（GB/T 2260）、9 位（乡镇/街道）或 12 位（统计用区划代码）数字',
    en: 'expected 6 digits (GB/T 2260), 9 (township) or 12 (statistical division code)',
  },
  province: {
    zh: '前两位不是有效的省级代码',
    en: 'the first two digits are not a valid province prefix',
  },
  segments: {
    zh: '某一级为全零后其下级仍不为零，或 9 位代码的乡镇部分为零',
    en: 'a level below an all-zero level is non-zero, or a 9-digit code has no township part',
  },
};

function invalid(code: unknown, problem: DivisionCodeProblem, path: IssuePath): Issue<DivisionCodeIssueCode> {
  const text = PROBLEM_TEXT[problem];
  return issue(
    'ORG_INVALID_DIVISION_CODE',
    {
      zh: `“${shown(code)}”不是有效的行政区划代码：${text.zh}`,
      en: `"${shown(code)}" is not a valid division code: ${text.en}`,
    },
    path,
    { code, reason: problem },
  );
}

/**
 * Checks a GB/T 2260 code (6 digits: province 2, city 2, county 2) or a statistical division code
 * (统计用区划代码: those 6, township 3, village 3), and says which level it names.
 *
 * @example
 * validateDivisionCode('110105')       // ok: { level: 'county', canonical: '110105' }
 * validateDivisionCode('110105001001') // ok: { level: 'village' }
 * validateDivisionCode('990105')       // fails with ORG_INVALID_DIVISION_CODE (reason 'province')
 */
export function validateDivisionCode(
  code: unknown,
  path: IssuePath = [],
): Result<DivisionCode, DivisionCodeIssueCode> {
  const parsed = parse(code);
  return typeof parsed === 'string' ? fail([invalid(code, parsed, path)]) : ok(parsed);
}

function parseOrThrow(code: string): DivisionCode {
  const parsed = parse(code);
  if (typeof parsed === 'string') throw new JicengError([invalid(code, parsed, [])]);
  return parsed;
}

/**
 * The canonical code of the division one level up, or `null` for a province. Throws a
 * {@link JicengError} (ORG_INVALID_DIVISION_CODE) for an invalid code: validate input first.
 *
 * @example
 * divisionCodeParent('110105001001') // '110105001' (its township)
 * divisionCodeParent('110105001')    // '110105'    (its county)
 * divisionCodeParent('110105')       // '110100'    (its city)
 * divisionCodeParent('110000')       // null
 */
export function divisionCodeParent(code: string): string | null {
  const { canonical, level } = parseOrThrow(code);
  switch (level) {
    case 'village':
      return canonical.slice(0, 9);
    case 'township':
      return canonical.slice(0, 6);
    case 'county':
      return `${canonical.slice(0, 4)}00`;
    case 'city':
      return `${canonical.slice(0, 2)}0000`;
    case 'province':
      return null;
  }
}

/** The digits that identify a division, so that containment is a prefix test. */
export function divisionPrefix(division: DivisionCode): string {
  return division.canonical.slice(0, SIGNIFICANT_DIGITS[division.level]);
}

/**
 * Whether division `code` lies within division `scope` (a division lies within itself). Padded
 * and short forms mix freely. Throws a {@link JicengError} for an invalid code.
 *
 * @example
 * isDivisionWithin('110105', '110105001001')       // true
 * isDivisionWithin('110105001000', '110105001001') // true (padded township)
 * isDivisionWithin('110106', '110105001001')       // false
 */
export function isDivisionWithin(scope: string, code: string): boolean {
  return divisionPrefix(parseOrThrow(code)).startsWith(divisionPrefix(parseOrThrow(scope)));
}
