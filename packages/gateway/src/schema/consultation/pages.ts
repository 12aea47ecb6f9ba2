import { type Page, paginate } from '../common.js';

/**
 * A Relay page of a list known by ids: the ids are paged (one cheap query on indexed columns),
 * then only the page's records are loaded, in one query.
 */
export async function pageByIds<S, T>(
  ids: readonly string[],
  page: { first?: number | null; after?: string | null },
  load: (ids: readonly string[]) => Promise<S[]>,
  idOf: (stored: S) => string,
  map: (stored: S) => T,
): Promise<Page<T>> {
  const paged = paginate(ids, page);
  const loaded = new Map((await load(paged.edges.map((e) => e.node))).map((s) => [idOf(s), s]));
  return {
    ...paged,
    edges: paged.edges.flatMap((e) => {
      const stored = loaded.get(e.node);
      return stored === undefined ? [] : [{ cursor: e.cursor, node: map(stored) }];
    }),
  };
}
