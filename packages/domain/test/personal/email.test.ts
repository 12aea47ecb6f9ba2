import { MAX_EMAIL_LENGTH, validateEmail } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

function reasonOf(value: unknown): unknown {
  const result = validateEmail(value, { path: ['email'] });
  if (result.ok) throw new Error(`expected a failure for ${String(value)}`);
  expect(result.issues).toHaveLength(1);
  expect(result.issues[0]).toMatchObject({ code: 'EMAIL_FORMAT', path: ['email'] });
  // A refusal never repeats the address.
  if (typeof value === 'string' && value.trim().length > 3)
    expect(JSON.stringify(result.issues)).not.toContain(value.trim());
  return result.issues[0]?.details?.['reason'];
}

describe('validateEmail', () => {
  it.each([
    ['wangfang@example.cn', 'wangfang@example.cn'],
    [' Wang.Fang@Example.CN ', 'Wang.Fang@example.cn'],
    ['a+tag_1@mail.county.gov.cn', 'a+tag_1@mail.county.gov.cn'],
    ['x@中国政府.中国', 'x@中国政府.中国'],
  ])('accepts %j as %j', (input, expected) => {
    expect(validateEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    [42, 'type'],
    ['ｗａｎｇ@jiceng.org', 'full_width'],
    [`${'a'.repeat(64)}@${'b'.repeat(MAX_EMAIL_LENGTH - 67)}.cn`, 'length'],
    ['zhangsan', 'shape'],
    ['@jiceng.org', 'shape'],
    ['wang@', 'shape'],
    ['wang@fang@jiceng.org', 'shape'],
    ['.wang@jiceng.org', 'local'],
    ['wang..fang@jiceng.org', 'local'],
    ['wang fang@jiceng.org', 'local'],
    [`${'a'.repeat(65)}@jiceng.org`, 'local'],
    ['wangfang@localhost', 'domain'],
    ['wangfang@-jiceng.org', 'domain'],
    ['wangfang@jiceng.o', 'domain'],
    ['wangfang@jiceng.123', 'domain'],
    ['wangfang@[10.0.0.1]', 'domain'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(reasonOf(input)).toBe(reason);
  });
});
