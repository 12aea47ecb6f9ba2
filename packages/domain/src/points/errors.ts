import { type Issue, type IssuePath, issue, type LocalizedText } from '../shared/errors.js';

/**
 * Every code the member-points area reports: the public contract, listed in docs/points.md.
 * Messages are for people and may change wording; codes and `details` keys do not.
 */
export type PointsIssueCode =
  | 'POINTS_INVALID_INPUT'
  | 'POINTS_INVALID_MEMBER'
  | 'POINTS_UNKNOWN_MEMBER'
  | 'POINTS_IDEMPOTENCY_CONFLICT'
  | 'POINTS_NO_RULES_AT_DATE'
  | 'POINTS_UNKNOWN_ITEM'
  | 'POINTS_CATEGORY_NOT_ELIGIBLE'
  | 'POINTS_RECORDER_NOT_ALLOWED'
  | 'POINTS_ACTOR_MISMATCH'
  | 'POINTS_SELF_REVIEW'
  | 'POINTS_NOT_DUAL_REGISTERED'
  | 'POINTS_EVIDENCE_REQUIRED'
  | 'POINTS_INVALID_QUANTITY'
  | 'POINTS_DATE_OUT_OF_ORDER'
  | 'POINTS_UNKNOWN_ENTRY'
  | 'POINTS_INVALID_TRANSITION'
  | 'POINTS_ROLE_NOT_ALLOWED'
  | 'POINTS_REASON_REQUIRED'
  | 'POINTS_INVALID_ADJUSTMENT'
  | 'POINTS_DEADLINE_PASSED'
  | 'POINTS_YEAR_LOCKED'
  | 'POINTS_AUDIT_TOO_EARLY'
  | 'POINTS_AUDIT_PENDING_REVIEW'
  | 'POINTS_INVALID_CORRECTION';

/** Codes of notes: shown to the person recording, never a refusal. */
export type PointsNoteCode = 'POINTS_OVER_CAP';

/** Codes of the co-building assessment 共驻共建 / 双诺双评. */
export type CoBuildingIssueCode =
  | 'COBUILDING_UNKNOWN_UNIT'
  | 'COBUILDING_DUPLICATE_COMMITMENT'
  | 'COBUILDING_UNKNOWN_COMMITMENT'
  | 'COBUILDING_UNKNOWN_RATER_GROUP'
  | 'COBUILDING_ROUND_OUT_OF_RANGE'
  | 'COBUILDING_SCORE_OUT_OF_RANGE'
  | 'COBUILDING_DUPLICATE_EVALUATION';

export type PointsIssue = Issue<PointsIssueCode>;

/** A non-blocking remark about an entry, e.g. that a cap will trim it. */
export interface PointsNote {
  readonly code: PointsNoteCode;
  readonly message: LocalizedText;
  readonly details: Readonly<Record<string, unknown>>;
}

/** How a value from untrusted input appears inside a message. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

/** Points as people write them: at most two decimals, no trailing zeros. */
export function fmt(points: number): string {
  return String(Math.round(points * 100) / 100);
}

const ROLE_LABEL: Record<string, LocalizedText> = {
  self: { zh: '党员本人', en: 'the member' },
  branch: { zh: '党支部', en: 'the branch' },
  community: { zh: '社区党组织', en: 'the community' },
  committee: { zh: '街道党委', en: 'the party committee' },
  system: { zh: '系统', en: 'the system' },
};

/** `党员本人、党支部` / `the member or the branch`. */
export function rolesText(roles: readonly string[]): LocalizedText {
  const labels = roles.map((r) => ROLE_LABEL[r] ?? { zh: r, en: r });
  return {
    zh: labels.map((l) => l.zh).join('、'),
    en:
      labels.length <= 1
        ? (labels[0]?.en ?? '')
        : `${labels
            .slice(0, -1)
            .map((l) => l.en)
            .join(', ')} or ${labels[labels.length - 1]!.en}`,
  };
}

export function roleText(role: string): LocalizedText {
  return ROLE_LABEL[role] ?? { zh: role, en: role };
}

const UNIT_LABEL: Record<string, LocalizedText> = {
  time: { zh: '次', en: 'time' },
  hour: { zh: '小时', en: 'hour' },
  day: { zh: '天', en: 'day' },
  item: { zh: '件', en: 'item' },
};

export function unitText(unit: string): LocalizedText {
  return UNIT_LABEL[unit] ?? { zh: unit, en: unit };
}

const PERIOD_LABEL: Record<string, LocalizedText> = {
  month: { zh: '月度', en: 'monthly' },
  quarter: { zh: '季度', en: 'quarterly' },
  year: { zh: '年度', en: 'yearly' },
};

export function periodKindText(kind: string): LocalizedText {
  return PERIOD_LABEL[kind] ?? { zh: kind, en: kind };
}

const STATUS_LABEL: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交自评',
  approved: '支部已通过',
  adjusted: '支部已调整',
  rejected: '支部未通过',
  audited: '党委已审核',
  lapsed: '已失效',
  reversed: '已冲正',
};

const ACTION_LABEL: Record<string, string> = {
  submit: '提交自评',
  approve: '考评通过',
  adjust: '考评调整',
  reject: '考评不通过',
  audit: '年终审核',
  reverse: '冲正',
  record: '记录积分',
};

/** `“考评通过”（approve）`: the Chinese name with the code people see in the API. */
function actionZh(action: string): string {
  return `“${ACTION_LABEL[action] ?? action}”（${action}）`;
}

const STAGE_LABEL: Record<string, LocalizedText> = {
  self_assessment: { zh: '月度自评', en: 'monthly self-assessment' },
  branch_review: { zh: '支部季度考评', en: 'quarterly branch review' },
  committee_audit: { zh: '党委年终审核', en: 'year-end committee audit' },
};

export function stageText(stage: string): LocalizedText {
  return STAGE_LABEL[stage] ?? { zh: stage, en: stage };
}

/** One builder per code, so every message exists in both languages and says the same facts. */
export const pointsIssues = {
  invalidInput(field: string, expected: LocalizedText, value: unknown, path: IssuePath): PointsIssue {
    return issue(
      'POINTS_INVALID_INPUT',
      {
        zh: `字段“${field}”的值“${shown(value)}”无效：应为${expected.zh}`,
        en: `invalid ${field} "${shown(value)}": expected ${expected.en}`,
      },
      path,
      { field, value },
    );
  },
  invalidMember(member: string, problem: LocalizedText, path: IssuePath, reason: string): PointsIssue {
    return issue(
      'POINTS_INVALID_MEMBER',
      { zh: `党员“${member}”的资料有误：${problem.zh}`, en: `member "${member}": ${problem.en}` },
      path,
      { member, reason },
    );
  },
  unknownMember(member: string, path: IssuePath): PointsIssue {
    return issue(
      'POINTS_UNKNOWN_MEMBER',
      { zh: `党员名册中没有“${shown(member)}”`, en: `no member "${shown(member)}" in the member directory` },
      path,
      { member },
    );
  },
  idempotencyConflict(key: string, path: IssuePath, existingSeq: number): PointsIssue {
    return issue(
      'POINTS_IDEMPOTENCY_CONFLICT',
      {
        zh: `幂等键“${key}”已用于第 ${existingSeq} 条台账记录，但本次提交的内容不同；重试请原样提交，新记录请换用新键`,
        en: `idempotency key "${key}" already belongs to ledger entry #${existingSeq} with a different payload; retry with the same payload, or use a new key for a new entry`,
      },
      path,
      { key, existingSeq },
    );
  },
  noRulesAtDate(date: string, profile: string, path: IssuePath): PointsIssue {
    return issue(
      'POINTS_NO_RULES_AT_DATE',
      {
        zh: `配置“${profile}”在 ${date} 尚无生效版本，无法计分`,
        en: `profile "${profile}" has no version in force on ${date}, so nothing can be scored then`,
      },
      path,
      { date, profile },
    );
  },
  unknownItem(item: string, version: string, date: string, path: IssuePath): PointsIssue {
    return issue(
      'POINTS_UNKNOWN_ITEM',
      {
        zh: `积分项目“${shown(item)}”在 ${date} 生效的规则版本 ${version} 中不存在`,
        en: `point item "${shown(item)}" does not exist in rule version ${version}, in force on ${date}`,
      },
      path,
      { item, version, date },
    );
  },
  categoryNotEligible(
    item: LocalizedText,
    itemCode: string,
    category: { code: string; name: LocalizedText } | undefined,
    allowed: LocalizedText,
    date: string,
    path: IssuePath,
  ): PointsIssue {
    return issue(
      'POINTS_CATEGORY_NOT_ELIGIBLE',
      category === undefined
        ? {
            zh: `该党员在 ${date} 没有党员类别，不能记“${item.zh}”`,
            en: `the member has no category on ${date}, so "${item.en}" cannot be recorded`,
          }
        : {
            zh: `“${item.zh}”只适用于${allowed.zh}，该党员在 ${date} 属于${category.name.zh}`,
            en: `"${item.en}" applies to ${allowed.en} only; on ${date} the member is ${category.name.en}`,
          },
      path,
      { item: itemCode, category: category?.code ?? null, date },
    );
  },
  recorderNotAllowed(
    item: LocalizedText,
    itemCode: string,
    role: string,
    allowed: readonly string[],
  ): PointsIssue {
    const who = roleText(role);
    const may = rolesText(allowed);
    return issue(
      'POINTS_RECORDER_NOT_ALLOWED',
      {
        zh: `“${item.zh}”只能由${may.zh}记录，不能由${who.zh}记录`,
        en: `"${item.en}" may be recorded only by ${may.en}, not by ${who.en}`,
      },
      ['by', 'role'],
      { item: itemCode, role, allowed },
    );
  },
  actorMismatch(role: string, actor: string, expected: string): PointsIssue {
    const who = roleText(role);
    return issue(
      'POINTS_ACTOR_MISMATCH',
      {
        zh: `以${who.zh}身份操作的应为“${expected}”，而不是“${shown(actor)}”`,
        en: `acting as ${who.en} must be "${expected}", not "${shown(actor)}"`,
      },
      ['by', 'id'],
      { role, actor, expected },
    );
  },
  selfReview(action: string, person: string): PointsIssue {
    return issue(
      'POINTS_SELF_REVIEW',
      {
        zh: `${actionZh(action)}须由他人办理：${shown(person)} 不能审核本人的积分记录`,
        en: `"${action}" must be taken by someone else: ${shown(person)} may not review or audit their own entry`,
      },
      ['by', 'person', 'id'],
      { action, person },
    );
  },
  notDualRegistered(member: string, community: string, date: string): PointsIssue {
    return issue(
      'POINTS_NOT_DUAL_REGISTERED',
      {
        zh: `党员“${member}”在 ${date} 未到社区“${shown(community)}”报到（双报到），该社区不能为其记分`,
        en: `member "${member}" was not registered at community "${shown(community)}" on ${date} (dual registration), so it cannot record their points`,
      },
      ['by', 'id'],
      { member, community, date },
    );
  },
  evidenceRequired(item: LocalizedText, itemCode: string): PointsIssue {
    return issue(
      'POINTS_EVIDENCE_REQUIRED',
      {
        zh: `“${item.zh}”须附佐证材料（照片、签到表、证书等）`,
        en: `"${item.en}" requires evidence (a photo, sign-in sheet, certificate…)`,
      },
      ['evidence'],
      { item: itemCode },
    );
  },
  invalidQuantity(
    item: LocalizedText,
    itemCode: string,
    quantity: unknown,
    rule: LocalizedText,
  ): PointsIssue {
    return issue(
      'POINTS_INVALID_QUANTITY',
      {
        zh: `“${item.zh}”的数量“${shown(quantity)}”无效：${rule.zh}`,
        en: `invalid quantity "${shown(quantity)}" for "${item.en}": ${rule.en}`,
      },
      ['quantity'],
      { item: itemCode, quantity },
    );
  },
  occurrenceAfterRecording(date: string, on: string): PointsIssue {
    return issue(
      'POINTS_DATE_OUT_OF_ORDER',
      {
        zh: `发生日期 ${date} 晚于记录日期 ${on}：不能记录尚未发生的事`,
        en: `the occurrence date ${date} is after the recording date ${on}: nothing can be recorded before it happens`,
      },
      ['date'],
      { reason: 'occurrence_after_recording', date, on },
    );
  },
  stepBeforePrevious(on: string, previous: string): PointsIssue {
    return issue(
      'POINTS_DATE_OUT_OF_ORDER',
      {
        zh: `操作日期 ${on} 早于该记录上一步的日期 ${previous}`,
        en: `the step is dated ${on}, before the entry's previous step on ${previous}`,
      },
      ['on'],
      { reason: 'before_previous_step', on, previous },
    );
  },
  unknownEntry(key: string): PointsIssue {
    return issue(
      'POINTS_UNKNOWN_ENTRY',
      {
        zh: `台账中没有键为“${shown(key)}”的积分记录`,
        en: `no point entry with key "${shown(key)}" in the ledger`,
      },
      ['entry'],
      { entry: key },
    );
  },
  invalidTransition(action: string, status: string, allowed: readonly string[]): PointsIssue {
    const zh = allowed.length === 0 ? '无' : allowed.map((a) => ACTION_LABEL[a] ?? a).join('、');
    const en = allowed.length === 0 ? 'none' : allowed.join(', ');
    return issue(
      'POINTS_INVALID_TRANSITION',
      {
        zh: `状态为“${STATUS_LABEL[status] ?? status}”的积分记录不能${actionZh(action)}（可执行：${zh}）`,
        en: `an entry in state "${status}" cannot be "${action}" (allowed: ${en})`,
      },
      [],
      { action, status, allowed },
    );
  },
  roleNotAllowed(action: string, role: string, allowed: readonly string[]): PointsIssue {
    const who = roleText(role);
    const may = rolesText(allowed);
    return issue(
      'POINTS_ROLE_NOT_ALLOWED',
      {
        zh: `${actionZh(action)}只能由${may.zh}执行，${who.zh}无权执行`,
        en: `"${action}" may be taken only by ${may.en}, not by ${who.en}`,
      },
      ['by', 'role'],
      { action, role, allowed },
    );
  },
  reasonRequired(action: string): PointsIssue {
    return issue(
      'POINTS_REASON_REQUIRED',
      {
        zh: `${actionZh(action)}须写明理由，理由会告知党员本人`,
        en: `"${action}" needs a reason; the member is told it`,
      },
      ['reason'],
      { action },
    );
  },
  invalidAdjustment(problem: LocalizedText, details: Readonly<Record<string, unknown>>): PointsIssue {
    return issue(
      'POINTS_INVALID_ADJUSTMENT',
      { zh: `调整无效：${problem.zh}`, en: `invalid adjustment: ${problem.en}` },
      ['adjustment'],
      details,
    );
  },
  deadlinePassed(stage: string, deadline: string, on: string, date: string): PointsIssue {
    const s = stageText(stage);
    return issue(
      'POINTS_DEADLINE_PASSED',
      {
        zh: `${date} 发生事项的${s.zh}已于 ${deadline} 截止，${on} 不能再办理`,
        en: `the ${s.en} for ${date} closed on ${deadline}; it cannot be done on ${on}`,
      },
      ['on'],
      { stage, deadline, on, date },
    );
  },
  yearLocked(year: number, auditKey: string, path: IssuePath): PointsIssue {
    return issue(
      'POINTS_YEAR_LOCKED',
      {
        zh: `${year} 年度积分已经党委审核锁定（审核记录“${auditKey}”），只能以冲正记录更正`,
        en: `${year} was audited and locked by the committee (audit "${auditKey}"); it can be corrected only by a reversal entry`,
      },
      path,
      { year, audit: auditKey },
    );
  },
  auditTooEarly(year: number, on: string): PointsIssue {
    return issue(
      'POINTS_AUDIT_TOO_EARLY',
      {
        zh: `${year} 年度尚未结束，${on} 不能进行党委年终审核`,
        en: `${year} has not ended; the year-end committee audit cannot take place on ${on}`,
      },
      ['on'],
      { year, on },
    );
  },
  auditPendingReview(year: number, pending: readonly { key: string; closes: string }[]): PointsIssue {
    const head = pending.slice(0, 5).map((p) => `“${p.key}”（${p.closes} 截止）`);
    const headEn = pending.slice(0, 5).map((p) => `"${p.key}" (closes ${p.closes})`);
    const more =
      pending.length > 5
        ? { zh: ` 等 ${pending.length} 条`, en: ` and ${pending.length - 5} more` }
        : { zh: '', en: '' };
    return issue(
      'POINTS_AUDIT_PENDING_REVIEW',
      {
        zh: `${year} 年度仍有待支部考评且考评期未截止的记录：${head.join('、')}${more.zh}；请待支部考评后再审核`,
        en: `${year} still has entries awaiting branch review whose review is still open: ${headEn.join(', ')}${more.en}; audit after the branch review`,
      },
      [],
      { year, pending: pending.map((p) => p.key) },
    );
  },
  invalidCorrection(problem: LocalizedText, details: Readonly<Record<string, unknown>>): PointsIssue {
    return issue(
      'POINTS_INVALID_CORRECTION',
      { zh: `更正记录无效：${problem.zh}`, en: `invalid correction: ${problem.en}` },
      ['correctionOf'],
      details,
    );
  },
} as const;

export type CoBuildingIssue = Issue<CoBuildingIssueCode>;
