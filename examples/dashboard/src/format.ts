import type { Translator } from './i18n.js';

/** Hours as people say them: hours under two days, days after. */
export function duration(hours: number | null, tr: Translator): string {
  if (hours === null) return tr.t('none');
  if (hours < 48) return `${tr.number(hours, 1)} ${tr.t('hoursUnit')}`;
  return `${tr.number(hours / 24, 1)} ${tr.t('daysUnit')}`;
}

/**
 * A name as a list on a shared screen should show it, whatever the gateway sent: the family name
 * and stars. The gateway already masks for roles that may not see personal data; this also keeps
 * full values off the wall screen of a role that may.
 *
 * @example
 * maskName('张小明') // '张**'
 */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * @example
 * maskPhone('13812345678') // '138****5678'
 */
export function maskPhone(phone: string): string {
  if (phone.includes('*') || phone.length < 7) return phone;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** An ISO moment as a local date and time in the user's language. */
export function moment(iso: string, tr: Translator): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(tr.locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
