import type { OrgRow, OrgTree, TreeKind } from '@jiceng/domain';
import { InvalidInputError, OrgRepository } from '@jiceng/persistence';
import { authorise } from '../../auth/authorise.js';
import { badInput } from '../../kernel/errors.js';
import type { UseCaseContext } from '../context.js';
import { COUNTY } from '../county.js';

/** One node of a tree to replace, as a door receives it. */
export interface OrgRowCommand {
  readonly code: string;
  readonly parentCode: string | null;
  readonly level: string;
  readonly name: string;
  readonly subtype?: string | null;
  readonly divisionCode?: string | null;
}

/**
 * Replaces a whole organisation tree (county administrators only) and puts it in force: the
 * domain checks the rows (BAD_USER_INPUT with its issues), the repository stores them in one
 * transaction, and the gateway's trees are reloaded.
 *
 * @example
 * const tree = await replaceOrgTree(ctx, { kind: 'administrative', rows });
 */
export async function replaceOrgTree(
  ctx: UseCaseContext,
  command: { readonly kind: TreeKind; readonly rows: readonly OrgRowCommand[] },
): Promise<OrgTree> {
  authorise(ctx, 'org.replace', { kind: 'county' }, COUNTY);
  try {
    const tree = await new OrgRepository(ctx.em).replaceTree(
      command.kind,
      command.rows.map((r) => ({
        code: r.code,
        parentCode: r.parentCode,
        level: r.level as OrgRow['level'],
        name: r.name,
        ...(r.subtype ? { subtype: r.subtype as NonNullable<OrgRow['subtype']> } : {}),
        ...(r.divisionCode ? { divisionCode: r.divisionCode } : {}),
      })),
    );
    await ctx.services.reloadOrgTrees();
    return tree;
  } catch (error) {
    if (error instanceof InvalidInputError) throw badInput(error.issues);
    throw error;
  }
}
