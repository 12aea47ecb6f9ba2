import { checkProfileDocument, createProfileCatalog, type ProfileDocument } from '@jiceng/domain';
import { ConcurrentUpdateError, ProfileDocumentRepository } from '@jiceng/persistence';
import { authorise } from '../../auth/authorise.js';
import { badInput, GatewayError } from '../../kernel/errors.js';
import { chinaDate } from '../../time.js';
import type { UseCaseContext } from '../context.js';
import { COUNTY } from '../county.js';

/** A county profile document to save, as a door receives it: checked here. */
export interface SaveProfileCommand {
  readonly document: unknown;
  /** The revision read; default the stored one. A stale one is a CONFLICT. */
  readonly expectedRevision?: number | null;
}

/** What a save stored. */
export interface SavedProfile {
  readonly id: string;
  readonly revision: number;
  readonly versionCount: number;
}

/**
 * Creates or extends a county rule profile document 规则配置 (county administrators only), and
 * puts it in force: the document is checked alone and with every other stored one (the catalogue
 * must resolve), history is append-only (stored versions cannot change, a new one takes effect
 * after today in China), and the write is refused (CONFLICT) if someone saved in between.
 *
 * @example
 * await saveRuleProfile(ctx, { document: { id: 'county-x', extends: 'reference', versions: [...] } });
 */
export async function saveRuleProfile(
  ctx: UseCaseContext,
  command: SaveProfileCommand,
): Promise<SavedProfile> {
  authorise(ctx, 'profile.write', { kind: 'county' }, COUNTY);
  const checked = checkProfileDocument(command.document);
  if (!checked.ok) throw badInput(checked.issues);
  const document = checked.value;
  const repo = new ProfileDocumentRepository(ctx.em);
  const stored = await repo.get(document.id);
  if (stored !== undefined) guardAppendOnly(stored.document, document, chinaDate(ctx.now));
  const others = (await repo.all()).filter((d) => d.id !== document.id);
  const catalog = createProfileCatalog([...others, document]);
  if (!catalog.ok) throw badInput(catalog.issues);
  let revision: number;
  try {
    revision = await repo.save(document, command.expectedRevision ?? stored?.revision);
  } catch (error) {
    if (error instanceof ConcurrentUpdateError) {
      throw new GatewayError('CONFLICT', {
        zh: '该配置已被他人修改，请刷新后重试',
        en: 'the profile was changed by someone else; reload and retry',
      });
    }
    throw error;
  }
  await ctx.services.reloadProfiles();
  return { id: document.id, revision, versionCount: document.versions.length };
}

/** Stored versions are history: they may not change, and new ones start after today. */
function guardAppendOnly(stored: ProfileDocument, next: ProfileDocument, today: string): void {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (stored.extends !== next.extends) {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: '不能修改已生效配置的继承关系',
      en: 'the parent of a stored profile cannot change',
    });
  }
  stored.versions.forEach((v, i) => {
    if (!same(v, next.versions[i])) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `历史版本 ${v.version} 不可修改，只能追加新版本`,
        en: `stored version ${v.version} cannot change; add a new version instead`,
      });
    }
  });
  for (const v of next.versions.slice(stored.versions.length)) {
    if (v.effectiveFrom <= today) {
      throw new GatewayError('BAD_USER_INPUT', {
        zh: `新版本 ${v.version} 的生效日期须晚于今天（${today}）`,
        en: `new version ${v.version} must take effect after today (${today})`,
      });
    }
  }
}
