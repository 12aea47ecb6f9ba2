import type { ConsultationRules } from '../profiles/schema.js';
import type { LocalDate } from '../shared/dates.js';
import { type Issue, issue } from '../shared/errors.js';
import { yearOf } from './days.js';
import type { ConsultationIssueCode } from './errors.js';
import { listText } from './errors.js';
import { filingCounts, type MinutesRegister, type Village } from './filing.js';
import { canIssue, isRequiredRoutineItem, type RoutineDecision } from './forms.js';
import { type GroupComposition, groupComposition, validateGroup } from './groups.js';
import { type FiveHavesChecklist, fiveHavesChecklist, type LiaisonGroup } from './liaison-groups.js';
import { consultationTimeline } from './stages.js';
import type { Consultation, ConsultationStatus } from './types.js';

/**
 * The yearly compliance report of one township (DESIGN §5): thematic consultations within the
 * profile's range, every required routine item consulted before issue, every consultation group
 * within the composition rules, the five haves, and village minutes filed.
 */

/** A decision the township issued, with the day it did. */
export interface IssuedDecision {
  readonly decision: RoutineDecision;
  readonly issuedOn: LocalDate;
}

export interface ComplianceInput {
  readonly township: string;
  readonly year: number;
  readonly rules: ConsultationRules;
  /** The township's liaison group; null when it has none. */
  readonly liaisonGroup: LiaisonGroup | null;
  /** The township's county CPPCC members, when the member count is to be checked. */
  readonly members?: number;
  /** Consultations (any township, any year: the report picks the township's topics of the year). */
  readonly consultations: readonly Consultation[];
  /** Decisions issued (any township, any year). */
  readonly decisions: readonly IssuedDecision[];
  readonly minutes: MinutesRegister;
  /** The villages of the township (others are ignored). */
  readonly villages: readonly Village[];
  /** The day the report is made, for reports still due; defaults to the year's last day. */
  readonly asOf?: LocalDate;
}

export interface ComplianceReport {
  readonly township: string;
  readonly year: number;
  readonly ok: boolean;
  readonly thematic: {
    readonly count: number;
    readonly min: number;
    readonly max: number;
    readonly topics: readonly {
      readonly consultationId: string;
      readonly title: string;
      readonly status: ConsultationStatus;
    }[];
    readonly ok: boolean;
  };
  readonly routine: {
    readonly required: number;
    readonly consultedBeforeIssue: number;
    readonly items: readonly {
      readonly decisionId: string;
      readonly title: string;
      readonly itemKind: string;
      readonly issuedOn: LocalDate;
      readonly consultedOn: LocalDate | null;
      readonly ok: boolean;
    }[];
    readonly ok: boolean;
  };
  readonly groups: {
    readonly consultations: readonly {
      readonly consultationId: string;
      readonly composition: GroupComposition;
      readonly ok: boolean;
    }[];
    readonly ok: boolean;
  };
  readonly fiveHaves: { readonly checklist: FiveHavesChecklist | null; readonly ok: boolean };
  readonly members: { readonly count: number; readonly min: number; readonly ok: boolean } | null;
  readonly minutes: {
    readonly filed: number;
    readonly late: number;
    readonly villages: readonly {
      readonly code: string;
      readonly name: string;
      readonly count: number;
      readonly ok: boolean;
    }[];
    readonly ok: boolean;
  };
  readonly reports: readonly {
    readonly consultationId: string;
    readonly dueOn: LocalDate | null;
    readonly reportedOn: LocalDate | null;
    readonly late: boolean;
  }[];
  /** Every finding, with the same codes the acts use where one applies. */
  readonly findings: readonly Issue<ConsultationIssueCode>[];
}

/**
 * The compliance report of one township for one year. Consultations count for the year their
 * topic was established in; routine items for the year they were issued in; minutes for the year
 * of the village meeting.
 *
 * @example
 * const r = complianceReport({ township: 'T01', year: 2026, rules, liaisonGroup, members: 14,
 *   consultations, decisions, minutes, villages });
 * r.ok; // false
 * r.findings.map((f) => f.code); // ['CONSULTATION_THEMATIC_TOO_FEW', 'CONSULTATION_ROUTINE_NOT_CONSULTED']
 */
export function complianceReport(input: ComplianceInput): ComplianceReport {
  const { township, year, rules } = input;
  const asOf = input.asOf ?? (`${String(year).padStart(4, '0')}-12-31` as LocalDate);
  const findings: Issue<ConsultationIssueCode>[] = [];
  const consultations = input.consultations.filter(
    (c) => c.topic.township === township && c.topic.year === year,
  );

  // Thematic consultations within the range.
  const thematic = consultations.filter((c) => c.topic.form.kind === 'thematic');
  const { min, max } = rules.thematic.perLiaisonGroupPerYear;
  if (thematic.length < min) {
    findings.push(
      issue(
        'CONSULTATION_THEMATIC_TOO_FEW',
        {
          zh: `${year} 年开展专题协商 ${thematic.length} 个，少于规定的 ${min} 个`,
          en: `${thematic.length} thematic consultations in ${year}; at least ${min} are required`,
        },
        ['thematic'],
        { township, year, count: thematic.length, min },
      ),
    );
  } else if (thematic.length > max) {
    findings.push(
      issue(
        'CONSULTATION_THEMATIC_TOO_MANY',
        {
          zh: `${year} 年开展专题协商 ${thematic.length} 个，多于规定的 ${max} 个`,
          en: `${thematic.length} thematic consultations in ${year}; at most ${max} are allowed`,
        },
        ['thematic'],
        { township, year, count: thematic.length, max },
      ),
    );
  }

  // Required routine items consulted before issue.
  const routineItems = input.decisions
    .filter((d) => d.decision.township === township && yearOf(d.issuedOn) === year)
    .filter((d) => isRequiredRoutineItem(d.decision.itemKind, rules))
    .map((d) => {
      const cleared = canIssue(d.decision, { rules, consultations: input.consultations, on: d.issuedOn });
      if (!cleared.ok) {
        for (const i of cleared.issues) {
          findings.push(
            issue(
              'CONSULTATION_ROUTINE_NOT_CONSULTED',
              {
                zh: `${d.issuedOn} 出台的“${d.decision.title}”未经例行协商：${i.message.zh}`,
                en: `"${d.decision.title}", issued on ${d.issuedOn}, was not consulted first: ${i.message.en}`,
              },
              ['decisions', d.decision.id],
              { decisionId: d.decision.id, issuedOn: d.issuedOn, cause: i.code },
            ),
          );
        }
      }
      return {
        decisionId: d.decision.id,
        title: d.decision.title,
        itemKind: d.decision.itemKind,
        issuedOn: d.issuedOn,
        consultedOn: cleared.ok ? cleared.value.meetingOn : null,
        ok: cleared.ok,
      };
    });

  // Group size and composition, checked again under the rules of this report.
  const groups = consultations.map((c) => {
    const checked = validateGroup(c.group, c.topic, rules);
    if (!checked.ok) {
      findings.push(
        ...checked.issues.map((i) => ({ ...i, path: ['consultations', c.id, 'group', ...i.path] })),
      );
    }
    return { consultationId: c.id, composition: groupComposition(c.group.members), ok: checked.ok };
  });

  // The five haves.
  let checklist: FiveHavesChecklist | null = null;
  if (input.liaisonGroup === null) {
    findings.push(
      issue(
        'CONSULTATION_LIAISON_GROUP_MISSING',
        { zh: `乡镇“${township}”未成立政协联络组`, en: `township "${township}" has no CPPCC liaison group` },
        ['liaisonGroup'],
        { township },
      ),
    );
  } else {
    checklist = fiveHavesChecklist(input.liaisonGroup, rules, year);
    findings.push(...checklist.issues);
  }

  // Members per township.
  let members: ComplianceReport['members'] = null;
  if (input.members !== undefined) {
    const minMembers = rules.liaisonGroup.minMembersPerTownship;
    members = { count: input.members, min: minMembers, ok: input.members >= minMembers };
    if (!members.ok) {
      findings.push(
        issue(
          'CONSULTATION_TOWNSHIP_TOO_FEW_MEMBERS',
          {
            zh: `乡镇“${township}”只有 ${input.members} 名县政协委员，规定不少于 ${minMembers} 名`,
            en: `township "${township}" has ${input.members} county CPPCC members; at least ${minMembers} are required`,
          },
          ['members'],
          { township, members: input.members, min: minMembers },
        ),
      );
    }
  }

  // Village minutes filed.
  const villages = input.villages.filter((v) => v.township === township);
  const counted = filingCounts(input.minutes, villages, { meetingYear: year })[0];
  const perVillage = rules.filing.minPerVillagePerYear;
  const villageRows = (counted?.villages ?? []).map((v) => ({ ...v, ok: v.count >= perVillage }));
  const short = villageRows.filter((v) => !v.ok);
  if (short.length > 0) {
    const names = listText(short.map((v) => v.name));
    findings.push(
      issue(
        'CONSULTATION_MINUTES_NOT_FILED',
        {
          zh: `${year} 年 ${names.zh}备案的协商纪要少于 ${perVillage} 份`,
          en: `${names.en} filed fewer than ${perVillage} consultation minutes for ${year}`,
        },
        ['minutes'],
        { township, year, villages: short.map((v) => ({ code: v.code, count: v.count })), min: perVillage },
      ),
    );
  }
  const lateFilings = counted?.late ?? 0;
  if (lateFilings > 0) {
    findings.push(
      issue(
        'CONSULTATION_FILING_LATE',
        {
          zh: `${year} 年有 ${lateFilings} 份协商纪要在会后 ${rules.filing.withinDays} 天后才备案`,
          en: `${lateFilings} minutes for ${year} were filed more than ${rules.filing.withinDays} days after the meeting`,
        },
        ['minutes'],
        { township, year, late: lateFilings, withinDays: rules.filing.withinDays },
      ),
    );
  }

  // Outcomes reported in time.
  const reports = consultations.map((c) => {
    const t = consultationTimeline(c, rules, asOf);
    if (t.reportLate) {
      findings.push(
        issue(
          'CONSULTATION_REPORT_LATE',
          {
            zh: `协商“${c.id}”的成果应于 ${t.reportDueOn} 前上报，${t.reportedOn === null ? '至今未报' : `实际于 ${t.reportedOn} 上报`}`,
            en: `the outcomes of consultation "${c.id}" were due by ${t.reportDueOn}; ${t.reportedOn === null ? 'still not reported' : `reported on ${t.reportedOn}`}`,
          },
          ['consultations', c.id],
          { consultationId: c.id, dueOn: t.reportDueOn, reportedOn: t.reportedOn },
        ),
      );
    }
    return { consultationId: c.id, dueOn: t.reportDueOn, reportedOn: t.reportedOn, late: t.reportLate };
  });

  const thematicOk = thematic.length >= min && thematic.length <= max;
  const routineOk = routineItems.every((i) => i.ok);
  const groupsOk = groups.every((g) => g.ok);
  const havesOk = checklist?.complete ?? false;
  const minutesOk = short.length === 0;
  return {
    township,
    year,
    ok: findings.length === 0,
    thematic: {
      count: thematic.length,
      min,
      max,
      topics: thematic.map((c) => ({ consultationId: c.id, title: c.topic.title, status: c.status })),
      ok: thematicOk,
    },
    routine: {
      required: routineItems.length,
      consultedBeforeIssue: routineItems.filter((i) => i.ok).length,
      items: routineItems,
      ok: routineOk,
    },
    groups: { consultations: groups, ok: groupsOk },
    fiveHaves: { checklist, ok: havesOk },
    members,
    minutes: {
      filed: counted?.total ?? 0,
      late: lateFilings,
      villages: villageRows,
      ok: minutesOk,
    },
    reports,
    findings,
  };
}
