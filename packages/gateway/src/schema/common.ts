// type-graphql reads parameter and property types from decorator metadata.
import 'reflect-metadata';
import type { LocalizedText as DomainText } from '@jiceng/domain';
import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GatewayError } from '../kernel/errors.js';

@ObjectType({ description: 'A label in Chinese and English.' })
export class LocalizedText {
  @Field()
  zh!: string;

  @Field()
  en!: string;

  static from(text: DomainText): LocalizedText {
    return Object.assign(new LocalizedText(), { zh: text.zh, en: text.en });
  }
}

export enum Language {
  zh = 'zh',
  en = 'en',
}
registerEnumType(Language, { name: 'Language', description: 'A language of the user interface.' });

@ObjectType({ description: 'Relay page information.' })
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The largest page a client may ask for; larger lists are paged. */
export const MAX_PAGE = 100;

/** Opaque cursors of every connection: `o:<offset>`, base64url, so clients page alike everywhere. */
export const encodeCursor = (offset: number) => Buffer.from(`o:${offset}`).toString('base64url');

/** The offset a cursor stands for; BAD_USER_INPUT for anything not made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = Number(text.slice(2));
  if (!text.startsWith('o:') || !Number.isSafeInteger(offset) || offset < 0) {
    throw new GatewayError('BAD_USER_INPUT', { zh: '分页游标无效', en: 'invalid cursor' });
  }
  return offset;
}

/** A page of an in-memory list, Relay style (forward paging with `first` and `after`). */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  totalCount: number;
}

export function paginate<T>(
  items: readonly T[],
  args: { first?: number | null; after?: string | null },
): Page<T> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new GatewayError('BAD_USER_INPUT', {
      zh: `每页条数须在 0 到 ${MAX_PAGE} 之间`,
      en: `first must be between 0 and ${MAX_PAGE}`,
    });
  }
  const start = args.after ? decodeCursor(args.after) + 1 : 0;
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return {
    edges,
    totalCount: items.length,
    pageInfo: Object.assign(new PageInfo(), {
      hasNextPage: start + first < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    }),
  };
}

/** Declares a `…Connection` and `…Edge` pair for a node type. */
export function connectionOf<T extends object>(name: string, node: new () => T) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return Connection;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE} (default 20).` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

/**
 * A GraphQL enum built from a domain value list, so the two can never drift apart; values keep the
 * domain's spelling and order.
 */
export function enumOf<T extends string>(values: readonly T[]): { readonly [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { readonly [K in T]: K };
}

/** The keys of a domain label table, as an enum's values. */
export function keysOf<T extends string>(labels: { readonly [K in T]: unknown }): T[] {
  return Object.keys(labels) as T[];
}
