import {
  appendToLedger,
  createMemberDirectory,
  issue,
  type PointEntryInput,
  type RuleVersions,
  replayLedger,
} from '@jiceng/domain';
import type { SqlEntityManager as EntityManager } from '@mikro-orm/knex';
import { InvalidInputError } from '../errors.js';
import { personalDataOf } from '../secrets/sealing.js';
import { placeholders } from '../sql.js';
import { LEDGER_COLUMNS, type LedgerRowView, ledgerOfRaw } from './ledger-rows.js';
import { memberFromRow, type StoredMember } from './members.js';
import { PointsMemberSchema } from './schemas.js';

/**
 * The correction path of the points ledger (rare): the chain of reversals a correction restates,
 * and the refusal of a correction that names another member's or year's reversal.
 */

/**
 * A correction naming a reversal of another member's (or year's) entry: the domain explains
 * why on a ledger of that entry alone.
 */
export async function refuseForeignCorrection(
  tx: EntityManager,
  input: PointEntryInput,
  member: StoredMember,
  chain: readonly LedgerRowView[],
  rules: RuleVersions,
): Promise<never> {
  const codes = [...new Set(chain.flatMap((r) => (r.member === null ? [] : [r.member])))].filter(
    (c) => c !== member.code,
  );
  const codec = await personalDataOf(tx);
  const others = (await tx.find(PointsMemberSchema, { code: { $in: codes } })).map((r) =>
    memberFromRow(r as unknown as Record<string, unknown>, codec),
  );
  const directory = createMemberDirectory([member, ...others]);
  if (directory.ok) {
    const context = { rules, members: directory.value };
    const probe = replayLedger(
      chain.map((r) => r.input),
      context,
    );
    const refused = probe.ok ? appendToLedger(probe.value.ledger, input, context) : undefined;
    if (refused !== undefined && !refused.ok) throw new InvalidInputError(refused.issues);
  }
  throw new InvalidInputError([
    issue(
      'POINTS_INVALID_CORRECTION',
      {
        zh: `更正须针对同一党员、同一年度的冲正记录“${input.correctionOf}”`,
        en: `a correction restates a reversal ("${input.correctionOf}") of the same member and year`,
      },
      ['correctionOf'],
      { correctionOf: input.correctionOf },
    ),
  ]);
}

/**
 * A reversal with the entry it reverses and that entry's steps; when that entry restates an
 * earlier reversal itself, that one's chain too (a few queries, on the rare correction path).
 */
export async function correctionChain(tx: EntityManager, reversal: string): Promise<LedgerRowView[]> {
  const found = new Map<number, LedgerRowView>();
  let wanted = [reversal];
  for (let depth = 0; depth < 8 && wanted.length > 0; depth++) {
    const marks = placeholders(wanted.length);
    const rows = ledgerOfRaw(
      (await tx.execute(
        `select ${LEDGER_COLUMNS} from points_ledger l
         where l.key in (${marks}) or l.entry_key in (select c.entry_key from points_ledger c where c.key in (${marks}))`,
        [...wanted, ...wanted],
      )) as Record<string, unknown>[],
    );
    for (const r of rows) found.set(r.seq, r);
    const keys = new Set([...found.values()].map((r) => r.key));
    wanted = rows.flatMap((r) =>
      r.input.type === 'point' && r.input.correctionOf !== undefined && !keys.has(r.input.correctionOf)
        ? [r.input.correctionOf]
        : [],
    );
  }
  return [...found.values()].sort((a, b) => a.seq - b.seq);
}
