import { maskPersonalDataInText } from '@jiceng/domain';
import { describe, expect, it } from 'vitest';

describe('personal data typed into published free text', () => {
  it('masks mobile numbers however they are written', () => {
    expect(maskPersonalDataInText('小区停车难，联系人王芳13812345678')).toBe(
      '小区停车难，联系人王芳138****5678',
    );
    expect(maskPersonalDataInText('电话 138-1234-5678 或 +86 139 0000 1111')).toBe(
      '电话 138****5678 或 139****1111',
    );
    expect(maskPersonalDataInText('全角１３８１２３４５６７８')).toBe('全角138****5678');
  });

  it('masks resident identity numbers by shape, typo or not', () => {
    expect(maskPersonalDataInText('身份证11010519491231002x已登记')).toBe('身份证110105********002X已登记');
    expect(maskPersonalDataInText('号码110105194912310021')).toBe('号码110105********0021');
  });

  it('leaves other numbers alone: dates, amounts, document numbers, landlines', () => {
    for (const text of [
      '2026年11月27日协商，投资1200万元',
      '镇社〔2026〕3号',
      '值班电话 0571-88888888',
      '编号 123456789012',
      '订单 213812345678',
    ]) {
      expect(maskPersonalDataInText(text)).toBe(text);
    }
  });
});
