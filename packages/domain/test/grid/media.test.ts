import { MAX_MEDIA_URL_LENGTH, validateMediaUrl } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

describe('validateMediaUrl', () => {
  it.each([
    'https://img.example.cn/r/1.jpg',
    'http://10.1.2.3:8080/photo?id=7&size=large',
    'HTTPS://IMG.EXAMPLE.CN/照片.jpg',
  ])('accepts %j as written', (link) => {
    expect(validateMediaUrl(` ${link} `)).toEqual({ ok: true, value: link });
  });

  it.each([
    'javascript:alert(1)',
    'data:image/png;base64,AAAA',
    'file:///etc/passwd',
    'ftp://example.cn/1.jpg',
    '/uploads/1.jpg',
    'img.example.cn/1.jpg',
    'http:example.cn/1.jpg',
    'https://',
    'https://user:secret@example.cn/1.jpg',
    'https://example.cn/a b.jpg',
  ])('refuses %j', (link) => {
    const result = validateMediaUrl(link, { path: ['media_url'] });
    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'REQUEST_INVALID_MEDIA_URL', path: ['media_url'] }],
    });
  });

  it('runs the one text rule first: too long, or a control character', () => {
    const long = `https://example.cn/${'a'.repeat(MAX_MEDIA_URL_LENGTH)}`;
    expect(validateMediaUrl(long)).toMatchObject({ ok: false, issues: [{ code: 'TEXT_TOO_LONG' }] });
    expect(validateMediaUrl('https://example.cn/\u0000.jpg')).toMatchObject({
      ok: false,
      issues: [{ code: 'TEXT_CONTROL_CHARACTER' }],
    });
  });
});
