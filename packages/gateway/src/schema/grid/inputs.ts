import { type Issue, issue, type RequestLocation, validateMobile } from '@jiceng/domain';
import { badInput } from '../../server/errors.js';
import { MAX_NOTE, MAX_SUMMARY } from './access.js';
import type { ReportResidentRequestInput, ResidentRequestLocationInput } from './types.js';

/**
 * Checks of what a client sends, before any rule runs: all problems at once, in the domain's
 * issue shape (a stable code, a path, a message in zh and en).
 */
export class InputIssues {
  readonly issues: Issue[] = [];

  /** Text no longer than `max` characters; empty text counts as absent. */
  text(
    value: string | null | undefined,
    max: number,
    path: readonly (string | number)[],
  ): string | undefined {
    if (value === null || value === undefined || value.trim() === '') return undefined;
    if (value.length > max) {
      this.issues.push(
        issue(
          'REQUEST_TEXT_TOO_LONG',
          {
            zh: `文字过长（${value.length} 字），最多 ${max} 字`,
            en: `text too long (${value.length} characters); at most ${max}`,
          },
          path,
          { length: value.length, max },
        ),
      );
      return undefined;
    }
    return value.trim();
  }

  /** Throws BAD_USER_INPUT with every issue collected, if any. */
  check(): void {
    if (this.issues.length > 0) throw badInput(this.issues);
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_ADDRESS = 200;
const MAX_NAME = 50;

/** A location with exactly one of address, point or grid. */
export function locationOf(
  input: ResidentRequestLocationInput,
  path: readonly string[] = ['location'],
): RequestLocation {
  const issues = new InputIssues();
  const location = readLocation(input, path, issues);
  issues.check();
  return location!;
}

function readLocation(
  input: ResidentRequestLocationInput,
  path: readonly string[],
  issues: InputIssues,
): RequestLocation | undefined {
  const given = [input.address, input.point, input.grid].filter((v) => v !== null && v !== undefined);
  if (given.length !== 1) {
    issues.issues.push(
      issue(
        'REQUEST_INVALID_LOCATION',
        {
          zh: '地点须且只能给出地址、坐标或网格中的一项',
          en: 'give exactly one of address, point or grid',
        },
        path,
        { given: given.length },
      ),
    );
    return undefined;
  }
  if (input.point !== null && input.point !== undefined) {
    const { x, y } = input.point;
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1e7 || Math.abs(y) > 1e7) {
      issues.issues.push(
        issue(
          'REQUEST_INVALID_LOCATION',
          { zh: '坐标须为有限的数值', en: 'a point needs two finite numbers' },
          [...path, 'point'],
        ),
      );
      return undefined;
    }
    return { kind: 'point', point: [x, y] };
  }
  if (input.grid !== null && input.grid !== undefined) {
    const grid = issues.text(input.grid, 64, [...path, 'grid']);
    return grid === undefined ? undefined : { kind: 'grid', gridCode: grid };
  }
  const address = issues.text(input.address, MAX_ADDRESS, [...path, 'address']);
  if (address === undefined) {
    if (!issues.issues.some((i) => i.code === 'REQUEST_TEXT_TOO_LONG'))
      issues.issues.push(
        issue('REQUEST_INVALID_LOCATION', { zh: '地址为空', en: 'the address is empty' }, [
          ...path,
          'address',
        ]),
      );
    return undefined;
  }
  return { kind: 'address', address };
}

/** The checked parts of a report. */
export interface ReportInput {
  readonly id: string | undefined;
  readonly location: RequestLocation;
  readonly summary: string | undefined;
  readonly contact: { name: string | null; phone: string | null } | undefined;
}

export function reportInputOf(input: ReportResidentRequestInput): ReportInput {
  const issues = new InputIssues();
  let id: string | undefined;
  if (input.id !== null && input.id !== undefined) {
    if (ID.test(input.id)) id = input.id;
    else
      issues.issues.push(
        issue(
          'REQUEST_INVALID_ID',
          {
            zh: '诉求编号只能由字母、数字、“-”和“_”组成，最多 64 个字符',
            en: 'a request id is 1–64 letters, digits, "-" or "_"',
          },
          ['input', 'id'],
        ),
      );
  }
  const location = readLocation(input.location, ['input', 'location'], issues);
  const summary = issues.text(input.summary, MAX_SUMMARY, ['input', 'summary']);
  const name = issues.text(input.reporterName, MAX_NAME, ['input', 'reporterName']) ?? null;
  let phone: string | null = null;
  if (
    input.reporterPhone !== null &&
    input.reporterPhone !== undefined &&
    input.reporterPhone.trim() !== ''
  ) {
    const checked = validateMobile(input.reporterPhone, { path: ['input', 'reporterPhone'] });
    if (checked.ok) phone = checked.value;
    else issues.issues.push(...checked.issues);
  }
  issues.check();
  return {
    id,
    location: location!,
    summary,
    contact: name === null && phone === null ? undefined : { name, phone },
  };
}

/** A note or reason of a step. */
export function noteOf(value: string | null | undefined, field: string): string | undefined {
  const issues = new InputIssues();
  const text = issues.text(value, MAX_NOTE, [field]);
  issues.check();
  return text;
}
