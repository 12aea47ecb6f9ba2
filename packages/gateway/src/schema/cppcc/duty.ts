import type {
  DutyExplanationLine,
  DutyLedgerEntry,
  DutyMemberScore,
  DutyRecordView,
  DutyYearReport,
  SectorDuty,
} from '@jiceng/domain';
import { Arg, Ctx, Field, Float, InputType, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import {
  type DutyWriteOutcome,
  dutyYearReport,
  type MemberDuty,
  memberDuty,
  recordDuty,
  reverseDuty,
} from '../../application/cppcc/duty.js';
import type { GatewayContext } from '../../kernel/context.js';
import { LocalizedText } from '../common.js';

/**
 * Members' duty 履职 over GraphQL: thin resolvers over `application/cppcc/duty.ts` (the policy's
 * `cppcc.office`, `cppcc.liaison`, `cppcc.member`). Types are mapped from the domain's data.
 */

@ObjectType({
  description: 'Who wrote a duty entry: the office, a liaison group (its township), or the system.',
})
export class CppccDutyRecorder {
  @Field()
  role!: string;
  @Field()
  id!: string;
}

@ObjectType({ description: 'What a derived record comes from: a proposal, a roll call, a consultation.' })
export class CppccDutySource {
  @Field()
  kind!: string;
  @Field()
  id!: string;
}

@ObjectType({ description: 'An entry of the duty ledger 履职台账: a record or a reversal 冲正.' })
export class CppccDutyEntry {
  @Field()
  key!: string;
  @Field(() => Int)
  seq!: number;
  @Field({ description: 'record or reversal.' })
  type!: string;
  @Field(() => String, { nullable: true })
  member!: string | null;
  @Field(() => String, { nullable: true })
  item!: string | null;
  @Field(() => String, { nullable: true })
  date!: string | null;
  @Field(() => Float, { nullable: true })
  quantity!: number | null;
  @Field(() => String, { nullable: true, description: 'For a reversal: the record it cancels.' })
  record!: string | null;
  @Field(() => CppccDutySource, { nullable: true })
  source!: CppccDutySource | null;
  @Field(() => CppccDutyRecorder)
  by!: CppccDutyRecorder;
  @Field()
  on!: string;

  static from(e: DutyLedgerEntry): CppccDutyEntry {
    const r = e.type === 'record' ? e : undefined;
    return Object.assign(new CppccDutyEntry(), {
      key: e.key,
      seq: e.seq,
      type: e.type,
      member: r?.member ?? null,
      item: r?.item ?? null,
      date: r?.date ?? null,
      quantity: r?.quantity ?? null,
      record: e.type === 'reversal' ? e.record : null,
      source: r?.source ?? null,
      by: { ...e.by },
      on: e.on,
    });
  }
}

@ObjectType({ description: 'What a duty write did.' })
export class CppccDutyWriteResult {
  @Field(() => CppccDutyEntry)
  entry!: CppccDutyEntry;
  @Field({ description: 'True when the key was stored with this same entry before: nothing was written.' })
  duplicate!: boolean;
  @Field(() => Int, { description: 'The ledger’s version after the write.' })
  version!: number;

  static from(o: DutyWriteOutcome): CppccDutyWriteResult {
    return Object.assign(new CppccDutyWriteResult(), {
      entry: CppccDutyEntry.from(o.entry),
      duplicate: o.duplicate,
      version: o.version,
    });
  }
}

@ObjectType({ description: 'A member’s year in the committee’s ranking.' })
export class CppccDutyScore {
  @Field()
  member!: string;
  @Field()
  sector!: string;
  @Field(() => String, { nullable: true })
  township!: string | null;
  @Field(() => Float)
  total!: number;
  @Field(() => Float)
  awards!: number;
  @Field(() => Float)
  deductions!: number;
  @Field(() => Int, { description: 'Rank within the sector (1, 2, 2, 4).' })
  rank!: number;
  @Field({ description: 'Below the profile’s minimum: listed for the year-end duty review 年终履职考核.' })
  belowMinimum!: boolean;

  static from(s: DutyMemberScore): CppccDutyScore {
    return Object.assign(new CppccDutyScore(), s);
  }
}

@ObjectType({ description: 'A sector’s 界别 ranking and figures.' })
export class CppccSectorDuty {
  @Field()
  sector!: string;
  @Field(() => LocalizedText)
  name!: LocalizedText;
  @Field(() => Int)
  members!: number;
  @Field(() => Float, { nullable: true })
  average!: number | null;
  @Field(() => Int)
  belowMinimum!: number;
  @Field(() => [String], { description: 'Members in rank order.' })
  ranking!: string[];

  static from(s: SectorDuty): CppccSectorDuty {
    return Object.assign(new CppccSectorDuty(), {
      ...s,
      name: LocalizedText.from(s.name),
      ranking: s.ranking.map((r) => r.member),
    });
  }
}

@ObjectType({ description: 'The duty year of the whole committee: the CPPCC office only.' })
export class CppccDutyYear {
  @Field(() => Int)
  year!: number;
  @Field({ description: 'The rule version whose minimum applied.' })
  version!: string;
  @Field(() => Float)
  minimumScore!: number;
  @Field(() => [CppccDutyScore])
  members!: CppccDutyScore[];
  @Field(() => [CppccSectorDuty])
  sectors!: CppccSectorDuty[];
  @Field(() => [String], { description: 'The year-end duty review list: members below the minimum.' })
  review!: string[];

  static from(r: DutyYearReport): CppccDutyYear {
    return Object.assign(new CppccDutyYear(), {
      year: r.year,
      version: r.version,
      minimumScore: r.minimumScore,
      members: r.members.map(CppccDutyScore.from),
      sectors: r.sectors.map(CppccSectorDuty.from),
      review: r.members.filter((m) => m.belowMinimum).map((m) => m.member),
    });
  }
}

@ObjectType({
  description: 'One record in a duty explanation: what it asked, what it got, and where it came from.',
})
export class CppccDutyLine {
  @Field()
  key!: string;
  @Field()
  date!: string;
  @Field()
  item!: string;
  @Field(() => LocalizedText, { nullable: true })
  itemName!: LocalizedText | null;
  @Field(() => Float, { nullable: true })
  quantity!: number | null;
  @Field(() => CppccDutyRecorder)
  recordedBy!: CppccDutyRecorder;
  @Field(() => CppccDutySource, { nullable: true })
  source!: CppccDutySource | null;
  @Field(() => Float, { description: 'Points before caps, unsigned.' })
  requested!: number;
  @Field(() => Float, {
    description: 'What the record adds to the total (signed; 0 when it does not count).',
  })
  points!: number;
  @Field(() => String, { nullable: true, description: 'The cap that trimmed it, if any.' })
  cap!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it does not count (reversed, …).' })
  excluded!: string | null;
  @Field(() => String, { nullable: true, description: 'The reversal’s key, when reversed.' })
  reversedBy!: string | null;

  static from(l: DutyExplanationLine): CppccDutyLine {
    return Object.assign(new CppccDutyLine(), {
      key: l.key,
      date: l.date,
      item: l.item,
      itemName: l.itemName === undefined ? null : LocalizedText.from(l.itemName),
      quantity: l.quantity ?? null,
      recordedBy: { ...l.recordedBy },
      source: l.source === null ? null : { ...l.source },
      requested: l.requested,
      points: l.points,
      cap: l.cap === undefined ? null : JSON.stringify(l.cap),
      excluded: l.excluded?.reason ?? null,
      reversedBy: l.reversal?.key ?? null,
    });
  }
}

@ObjectType({ description: 'A member’s duty year 年度履职积分, explained line by line.' })
export class CppccMemberDuty {
  @Field()
  member!: string;
  @Field(() => Float)
  total!: number;
  @Field(() => Float)
  awards!: number;
  @Field(() => Float)
  deductions!: number;
  @Field(() => Int, { nullable: true, description: 'Rank within their sector.' })
  rank!: number | null;
  @Field(() => String, { nullable: true })
  sector!: string | null;
  @Field()
  belowMinimum!: boolean;
  @Field(() => Float)
  minimumScore!: number;
  @Field(() => LocalizedText)
  summary!: LocalizedText;
  @Field(() => [CppccDutyLine])
  lines!: CppccDutyLine[];
  @Field(() => [CppccDutyEntry], { description: 'Their records of the year, reversed ones too.' })
  records!: CppccDutyEntry[];

  static from(d: MemberDuty): CppccMemberDuty {
    const e = d.explanation;
    return Object.assign(new CppccMemberDuty(), {
      member: e.member,
      total: e.total,
      awards: e.awards,
      deductions: e.deductions,
      rank: d.score?.rank ?? null,
      sector: d.score?.sector ?? null,
      belowMinimum: d.score?.belowMinimum ?? e.total < d.minimumScore,
      minimumScore: d.minimumScore,
      summary: LocalizedText.from(e.summary),
      lines: e.lines.map(CppccDutyLine.from),
      records: d.records.map((v: DutyRecordView) => CppccDutyEntry.from(v.record)),
    });
  }
}

@InputType({ description: 'A duty record 履职记录, as the office or a liaison group secretary enters it.' })
class RecordCppccDutyInput {
  @Field(() => Int)
  term!: number;
  @Field()
  idempotencyKey!: string;
  @Field()
  member!: string;
  @Field({ description: 'A duty item code of the profile (speech, social_report, inspection_survey, …).' })
  item!: string;
  @Field({ description: 'The day it happened (YYYY-MM-DD).' })
  date!: string;
  @Field(() => Float, { nullable: true })
  quantity?: number | null;
  @Field(() => [String], { nullable: true })
  evidence?: string[] | null;
  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'A reversal 冲正 of a record one’s body wrote.' })
class ReverseCppccDutyInput {
  @Field(() => Int)
  term!: number;
  @Field()
  idempotencyKey!: string;
  @Field({ description: 'The key of the record to cancel.' })
  record!: string;
  @Field()
  reason!: string;
}

@Resolver()
export class CppccDutyResolver {
  @Mutation(() => CppccDutyWriteResult, {
    description:
      'Records a member’s duty: the CPPCC office for any member, a liaison group secretary for their township’s.',
  })
  async recordCppccDuty(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => RecordCppccDutyInput) input: RecordCppccDutyInput,
  ): Promise<CppccDutyWriteResult> {
    return CppccDutyWriteResult.from(await recordDuty(ctx, input));
  }

  @Mutation(() => CppccDutyWriteResult, { description: 'Reverses a duty record the caller’s body wrote.' })
  async reverseCppccDuty(
    @Ctx() ctx: GatewayContext,
    @Arg('input', () => ReverseCppccDutyInput) input: ReverseCppccDutyInput,
  ): Promise<CppccDutyWriteResult> {
    return CppccDutyWriteResult.from(await reverseDuty(ctx, input));
  }

  @Query(() => CppccDutyYear, {
    description:
      'Every member’s duty score of a year, ranks per sector, the year-end review list: the office only.',
  })
  async cppccDutyYear(
    @Ctx() ctx: GatewayContext,
    @Arg('term', () => Int) term: number,
    @Arg('year', () => Int) year: number,
  ): Promise<CppccDutyYear> {
    return CppccDutyYear.from(await dutyYearReport(ctx, term, year));
  }

  @Query(() => CppccMemberDuty, {
    description:
      'A member’s duty score explained: the member themselves, their liaison group secretary, the office.',
  })
  async cppccMemberDuty(
    @Ctx() ctx: GatewayContext,
    @Arg('term', () => Int) term: number,
    @Arg('member', () => String) member: string,
    @Arg('year', () => Int) year: number,
  ): Promise<CppccMemberDuty> {
    return CppccMemberDuty.from(await memberDuty(ctx, term, member, year));
  }
}
