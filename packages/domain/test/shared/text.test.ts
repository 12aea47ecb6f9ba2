import { codePointLength, INCOMING_TEXT, validateText } from '@jiceng/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const codes = (value: string, rule: Parameters<typeof validateText>[1]) => {
  const r = validateText(value, rule, { path: ['note'] });
  return r.ok ? [] : r.issues.map((i) => i.code);
};

describe('the one text rule', () => {
  it('keeps well-formed text within its limit, supplementary characters counted once', () => {
    expect(validateText('楼道堆放杂物', { max: 6 })).toEqual({ ok: true, value: '楼道堆放杂物' });
    expect(validateText('𠮷田', { max: 2 }).ok).toBe(true);
    expect(codePointLength('𠮷田')).toBe(2);
  });

  it('refuses a NUL byte, in one-line and in multi-line text alike, naming the code point', () => {
    for (const multiline of [false, true]) {
      const r = validateText('k\u0000', { max: 64, multiline }, { path: ['input', 'key'] });
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.issues).toEqual([
        expect.objectContaining({
          code: 'TEXT_CONTROL_CHARACTER',
          path: ['input', 'key'],
          details: { codePoint: 'U+0000', position: 1, multiline },
        }),
      ]);
    }
    for (const control of ['\u001b', '\u007f', '\u0085', '\u0008']) {
      expect(codes(`a${control}b`, INCOMING_TEXT)).toEqual(['TEXT_CONTROL_CHARACTER']);
    }
  });

  it('lets line breaks and tabs into multi-line text only', () => {
    expect(codes('第一行\r\n第二行\t完', { max: 100, multiline: true })).toEqual([]);
    expect(codes('第一行\n第二行', { max: 100 })).toEqual(['TEXT_CONTROL_CHARACTER']);
    expect(codes('a\tb', { max: 100 })).toEqual(['TEXT_CONTROL_CHARACTER']);
  });

  it('refuses bidirectional controls everywhere: a name that displays in another order than it compares', () => {
    // "Trojan source": U+202E makes 张三\u202E四李 display as 张三李四.
    for (const bidi of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      for (const multiline of [false, true]) {
        const r = validateText(`张三${bidi}四李`, { max: 64, multiline });
        expect(
          r.ok
            ? []
            : r.issues.map((i) => [i.code, i.details?.['position'], i.message.en.includes('bidirectional')]),
        ).toEqual([['TEXT_CONTROL_CHARACTER', 2, true]]);
      }
    }
    // Marks that only hint a direction (LRM, RLM) and joiners stay: they reorder nothing.
    expect(codes('a\u200eb\u200fc\u200dd', { max: 64 })).toEqual([]);
  });

  it('refuses the Unicode line and paragraph separators, even in multi-line text', () => {
    for (const separator of ['\u2028', '\u2029']) {
      expect(codes(`第一行${separator}第二行`, { max: 64 })).toEqual(['TEXT_CONTROL_CHARACTER']);
      const r = validateText(`第一行${separator}第二行`, { max: 64, multiline: true });
      expect(r.ok ? '' : r.issues[0]?.message.zh).toContain('分隔符');
    }
  });

  it('refuses a lone surrogate (an idempotency key no database stores the same way)', () => {
    expect(codes('\ud800', { max: 200 })).toEqual(['TEXT_MALFORMED']);
    expect(codes('x\udc00y', INCOMING_TEXT)).toEqual(['TEXT_MALFORMED']);
    expect(codes('😀', { max: 1 })).toEqual([]);
  });

  it('refuses text over the limit, and reports every problem at once without the text', () => {
    const r = validateText(`${'x'.repeat(300_000)}\u0000\ud800`, { max: 50 });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.details?.['length']])).toEqual([
      ['TEXT_MALFORMED', undefined],
      ['TEXT_CONTROL_CHARACTER', undefined],
      ['TEXT_TOO_LONG', 300_002],
    ]);
    expect(JSON.stringify(r).length).toBeLessThan(2000);
  });

  it('accepts exactly the strings that are well formed, free of controls and short enough', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.integer({ min: 0, max: 40 }), (s, max) => {
        // UTF-8 cannot carry a lone surrogate: the round trip changes exactly the malformed strings.
        const wellFormed = new TextDecoder().decode(new TextEncoder().encode(s)) === s;
        const clean =
          wellFormed &&
          !/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u.test(s) &&
          Array.from(s).length <= max;
        expect(validateText(s, { max }).ok).toBe(clean);
      }),
    );
  });
});
