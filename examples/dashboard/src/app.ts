import type { AnyVariables, Client, TypedDocumentNode } from '@urql/core';
import {
  ConsultationsQuery,
  createApiClient,
  errorCode,
  errorMessage,
  GridsQuery,
  OverdueQuery,
  StreetQuery,
  ViewerQuery,
} from './api.js';
import { html } from './html.js';
import { type Language, storedLanguage, storeLanguage, type Translator, translator } from './i18n.js';
import { createPoints, type PointsController } from './points.js';
import { clearToken, normaliseToken, storedToken, storeToken } from './session.js';
import { type DashboardState, IDLE, LOADING, type Load } from './state.js';
import { consultations } from './views/consultations.js';
import { overdueList, requestCharts } from './views/requests.js';
import { header, signInForm } from './views/shell.js';
import { headline, scopeBar, streetsOf, tree } from './views/street.js';

/** Where the dashboard keeps what it remembers, and where the gateway is. */
export interface DashboardEnvironment {
  /** Holds the token: this tab only. */
  readonly session: Storage;
  /** Holds the language: this browser. */
  readonly local: Storage;
  readonly graphqlUrl?: string;
}

/** The parts of the page, each repainted on its own when its data changes. */
const PARTS = [
  'header',
  'scope',
  'headline',
  'tree',
  'requests',
  'overdue',
  'consultations',
  'points',
] as const;
type Part = (typeof PARTS)[number];

type Fetched<T> = { ok: true; data: T } | { ok: false; message: string; code?: string };

/**
 * Mounts the dashboard on an element: signs in with a pasted token, then shows the viewer's street
 * (or, above street level, the street they pick) and keeps every part up to date.
 */
export function startDashboard(root: HTMLElement, env: DashboardEnvironment): void {
  const state: DashboardState = {
    language: storedLanguage(env.local),
    token: storedToken(env.session),
    signIn: { busy: false },
    viewer: IDLE,
    focus: undefined,
    street: IDLE,
    grids: new Map(),
    expanded: new Set(),
    overdue: IDLE,
    overdueMore: false,
    consultations: IDLE,
  };
  let tr: Translator = translator(state.language);
  const client: Client = createApiClient({
    ...(env.graphqlUrl ? { url: env.graphqlUrl } : {}),
    token: () => state.token,
    language: () => state.language,
  });
  // Results of an older focus are dropped when they arrive late; of an older sign-in, too.
  let generation = 0;
  let session = 0;

  async function fetchQuery<T, V extends AnyVariables>(
    doc: TypedDocumentNode<T, V>,
    variables: V,
  ): Promise<Fetched<T>> {
    const result = await client.query(doc, variables, { requestPolicy: 'network-only' }).toPromise();
    if (result.error !== undefined) {
      const code = errorCode(result.error);
      if (code === 'UNAUTHENTICATED') expire();
      return { ok: false, message: errorMessage(result.error), ...(code ? { code } : {}) };
    }
    if (result.data === undefined) return { ok: false, message: tr.t('serverUnreachable') };
    return { ok: true, data: result.data };
  }

  function failure(r: { readonly message: string; readonly code?: string }): Load<never> {
    return { state: 'failed', message: r.message, ...(r.code ? { code: r.code } : {}) };
  }

  function loaded<T>(r: Fetched<T>): Load<T> {
    return r.ok ? { state: 'ready', data: r.data } : failure(r);
  }

  const points: PointsController = createPoints({
    client,
    translator: () => tr,
    focus: () => state.focus,
    viewer: () => (state.viewer.state === 'ready' ? state.viewer.data.viewer : undefined),
    placeName: (code) =>
      state.street.state === 'ready'
        ? state.street.data.communities.children.edges.find((e) => e.node.code === code)?.node.name
        : undefined,
    onChange: () => paint('points'),
    onUnauthenticated: () => expire(),
  });

  /** A party organisation's officer sees its member points; the grid figures are the administrative tree's. */
  function partyScope(): boolean {
    return state.viewer.state === 'ready' && state.viewer.data.myScope.kind === 'party';
  }

  // ------------------------------------------------------------------ painting

  function layout(): void {
    document.documentElement.lang = tr.locale;
    document.title = tr.t('appTitle');
    const signedIn = state.token !== undefined && state.viewer.state === 'ready';
    root.innerHTML = html`<header class="topbar" id="part-header"></header>
      <main class="content" data-language="${state.language}">
        ${
          signedIn && partyScope()
            ? html`<nav class="scope-bar" id="part-scope"></nav>
              <p class="panel muted" id="party-scope-note">${tr.t('partyScope')}</p>
              <section class="panel" id="part-points"></section>`
            : signedIn
              ? html`<nav class="scope-bar" id="part-scope"></nav>
              <section class="panel" id="part-headline"></section>
              <section class="panel" id="part-tree"></section>
              <section class="panel" id="part-requests"></section>
              <section class="panel" id="part-overdue"></section>
              <section class="panel" id="part-consultations"></section>
              <section class="panel" id="part-points"></section>`
              : html`<div id="part-signin"></div>`
        }
      </main>`.value;
    if (signedIn) paint(...PARTS);
    else {
      paint('header');
      const slot = root.querySelector('#part-signin');
      if (slot !== null) {
        slot.innerHTML =
          state.token !== undefined && state.viewer.state === 'loading'
            ? html`<p class="muted loading">${tr.t('loading')}</p>`.value
            : signInForm(state, tr).value;
      }
    }
  }

  function paint(...parts: Part[]): void {
    for (const part of parts) {
      const slot = root.querySelector(`#part-${part}`);
      if (slot === null) continue;
      slot.innerHTML = renderPart(part).value;
    }
  }

  function renderPart(part: Part) {
    switch (part) {
      case 'header':
        return header(state, tr);
      case 'scope':
        return scopeBar(state, tr);
      case 'headline':
        return headline(state, tr);
      case 'tree':
        return tree(state, tr);
      case 'requests':
        return requestCharts(state, tr);
      case 'overdue':
        return overdueList(state, tr);
      case 'consultations':
        return consultations(state, tr);
      case 'points':
        return points.view(tr);
    }
  }

  // ------------------------------------------------------------------ loading

  function expire(): void {
    session++;
    clearToken(env.session);
    state.token = undefined;
    state.viewer = IDLE;
    state.signIn = { busy: false, error: tr.t('tokenRejected') };
    generation++;
    layout();
  }

  async function signIn(): Promise<void> {
    const gen = ++generation;
    const mine = ++session;
    state.viewer = LOADING;
    const r = await fetchQuery(ViewerQuery, {});
    if (gen !== generation || mine !== session) return;
    if (!r.ok) {
      if (r.code !== 'UNAUTHENTICATED') {
        // The gateway is away: a token already stored stays for the next attempt, a pasted one
        // is stored only once it has worked.
        state.token = undefined;
        state.viewer = IDLE;
        state.signIn = { busy: false, error: r.code === undefined ? tr.t('serverUnreachable') : r.message };
        layout();
      }
      return;
    }
    state.viewer = { state: 'ready', data: r.data };
    state.signIn = { busy: false };
    if (state.token !== undefined) storeToken(env.session, state.token);
    state.focus = r.data.myScope.kind === 'party' ? r.data.myScope.code : streetsOf(r.data)[0]?.code;
    layout();
    if (partyScope()) {
      void points.load();
      return;
    }
    void loadConsultations();
    void loadFocus();
  }

  async function loadFocus(): Promise<void> {
    const gen = ++generation;
    const code = state.focus;
    state.grids = new Map();
    state.expanded = new Set();
    state.overdue = LOADING;
    state.street = LOADING;
    paint('scope', 'headline', 'tree', 'requests', 'overdue');
    if (code === undefined) {
      state.street = { state: 'failed', message: tr.t('noStreet') };
      state.overdue = { state: 'failed', message: tr.t('noStreet') };
      paint('headline', 'tree', 'requests', 'overdue');
      return;
    }
    void points.load();
    const [street, overdue] = await Promise.all([
      fetchQuery(StreetQuery, { code }),
      fetchQuery(OverdueQuery, { scope: code }),
    ]);
    if (gen !== generation) return;
    state.street = loaded(street);
    state.overdue = overdue.ok
      ? {
          state: 'ready',
          data: {
            items: overdue.data.overdueRequests.edges.map((e) => e.node),
            totalCount: overdue.data.overdueRequests.totalCount,
            endCursor: overdue.data.overdueRequests.pageInfo.endCursor,
            hasNextPage: overdue.data.overdueRequests.pageInfo.hasNextPage,
          },
        }
      : failure(overdue);
    // The leaderboard names communities once the street is known.
    paint('headline', 'tree', 'requests', 'overdue', 'points');
  }

  async function loadStreet(): Promise<void> {
    const code = state.focus;
    if (code === undefined) return;
    state.street = LOADING;
    paint('headline', 'tree', 'requests');
    const r = await fetchQuery(StreetQuery, { code });
    if (code !== state.focus) return;
    state.street = loaded(r);
    paint('headline', 'tree', 'requests');
  }

  async function loadGrids(community: string): Promise<void> {
    const mine = session;
    state.grids.set(community, LOADING);
    paint('tree');
    const r = await fetchQuery(GridsQuery, { community });
    if (mine !== session) return;
    state.grids.set(community, loaded(r));
    paint('tree');
  }

  async function loadOverdue(more: boolean): Promise<void> {
    const code = state.focus;
    if (code === undefined) return;
    const before = state.overdue.state === 'ready' ? state.overdue.data : undefined;
    if (more && before === undefined) return;
    if (more) state.overdueMore = true;
    else state.overdue = LOADING;
    paint('overdue');
    const r = await fetchQuery(OverdueQuery, {
      scope: code,
      after: more ? (before?.endCursor ?? null) : null,
    });
    state.overdueMore = false;
    if (code !== state.focus) return;
    if (!r.ok) {
      state.overdue = failure(r);
    } else {
      const page = r.data.overdueRequests;
      state.overdue = {
        state: 'ready',
        data: {
          items: [...(more ? (before?.items ?? []) : []), ...page.edges.map((e) => e.node)],
          totalCount: page.totalCount,
          endCursor: page.pageInfo.endCursor,
          hasNextPage: page.pageInfo.hasNextPage,
        },
      };
    }
    paint('overdue');
  }

  async function loadConsultations(): Promise<void> {
    const mine = session;
    state.consultations = LOADING;
    paint('consultations');
    const r = await fetchQuery(ConsultationsQuery, {});
    if (mine !== session) return;
    state.consultations = loaded(r);
    paint('consultations');
  }

  // ------------------------------------------------------------------ events

  function setLanguage(language: Language): void {
    state.language = language;
    storeLanguage(env.local, language);
    tr = translator(language);
    // A token half pasted survives the switch.
    const pasted = root.querySelector<HTMLTextAreaElement>('#token')?.value;
    layout();
    const field = root.querySelector<HTMLTextAreaElement>('#token');
    if (field !== null && pasted !== undefined) field.value = pasted;
  }

  function signOut(): void {
    generation++;
    session++;
    clearToken(env.session);
    state.token = undefined;
    state.viewer = IDLE;
    state.focus = undefined;
    state.street = IDLE;
    state.overdue = IDLE;
    state.consultations = IDLE;
    state.signIn = { busy: false };
    points.reset();
    layout();
  }

  root.addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLElement>('[data-action]');
    if (target === null || target.tagName === 'FORM' || target.tagName === 'SELECT') return;
    const action = target.dataset['action'];
    switch (action) {
      case 'language':
        setLanguage(state.language === 'zh' ? 'en' : 'zh');
        break;
      case 'sign-out':
        signOut();
        break;
      case 'refresh':
        if (partyScope()) void points.load();
        else {
          void loadFocus();
          void loadConsultations();
        }
        break;
      case 'toggle': {
        const code = target.dataset['code'];
        if (code === undefined) break;
        if (state.expanded.has(code)) state.expanded.delete(code);
        else {
          state.expanded.add(code);
          if (state.grids.get(code)?.state !== 'ready') {
            void loadGrids(code);
            break;
          }
        }
        paint('tree');
        break;
      }
      case 'more-overdue':
        void loadOverdue(true);
        break;
      case 'retry': {
        const what = target.dataset['target'] ?? '';
        if (what === 'street') void loadStreet();
        else if (what === 'overdue') void loadOverdue(false);
        else if (what === 'consultations') void loadConsultations();
        else if (what.startsWith('grids:')) void loadGrids(what.slice('grids:'.length));
        break;
      }
      default:
        points.handle(target);
    }
  });

  root.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLSelectElement && target.dataset['action'] === 'focus') {
      state.focus = target.value;
      void loadFocus();
    } else points.handle(target);
  });

  root.addEventListener('submit', (event) => {
    const form = event.target as HTMLFormElement;
    if (form.dataset['action'] !== 'sign-in') return;
    event.preventDefault();
    const token = normaliseToken(String(new FormData(form).get('token') ?? ''));
    if (token === '') {
      state.signIn = { busy: false, error: tr.t('tokenEmpty') };
      layout();
      return;
    }
    state.token = token;
    state.signIn = { busy: true };
    const button = form.querySelector('button');
    if (button !== null) {
      button.disabled = true;
      button.textContent = tr.t('signingIn');
    }
    void signIn();
  });

  layout();
  if (state.token !== undefined) {
    state.viewer = LOADING;
    layout();
    void signIn();
  }
}
