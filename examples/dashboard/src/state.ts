import type { ConsultationsData, GridsData, OverdueRequest, StreetData, ViewerData } from './api.js';
import type { Language } from './i18n.js';

/** A piece of data being fetched, fetched, or refused. */
export type Load<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly data: T }
  | { readonly state: 'failed'; readonly message: string; readonly code?: string };

export const IDLE: Load<never> = { state: 'idle' };
export const LOADING: Load<never> = { state: 'loading' };

export interface OverdueList {
  readonly items: readonly OverdueRequest[];
  readonly totalCount: number;
  readonly endCursor: string | null;
  readonly hasNextPage: boolean;
}

/** Everything the page shows; views are functions of it. */
export interface DashboardState {
  language: Language;
  token: string | undefined;
  signIn: { readonly busy: boolean; readonly error?: string };
  viewer: Load<ViewerData>;
  /** The street (or community) the figures are for. */
  focus: string | undefined;
  street: Load<StreetData>;
  grids: Map<string, Load<GridsData>>;
  expanded: Set<string>;
  overdue: Load<OverdueList>;
  overdueMore: boolean;
  consultations: Load<ConsultationsData>;
}
