export {
  daysInMonth,
  fromDayNumber,
  isLocalDate,
  type LocalDate,
  parseLocalDate,
  toDayNumber,
  yearOf,
} from './dates.js';
export {
  formatPath,
  type Issue,
  type IssuePath,
  issue,
  JicengError,
  type Locale,
  type LocalizedText,
} from './errors.js';
export { seededRandom } from './random.js';
export { fail, ok, type Result, unreachable, unwrap } from './result.js';
export {
  codePointLength,
  INCOMING_TEXT,
  type TextIssueCode,
  type TextRule,
  validateText,
} from './text.js';
