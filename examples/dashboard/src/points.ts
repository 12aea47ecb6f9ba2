import { type Client, gql } from '@urql/core';
import { errorCode, errorMessage, type Viewer } from './api.js';
import { horizontalBars } from './charts.js';
import { type Html, html } from './html.js';
import type { LocalizedText, Translator } from './i18n.js';
import type { Load } from './state.js';

/**
 * Member points 党员积分: the year's leaderboard with each member's rating band, the spread of
 * bands, and the entries awaiting the branch review, which a branch secretary approves here.
 */

// ---------------------------------------------------------------- queries

interface RankedMember {
  readonly member: string;
  readonly rank: number;
  readonly total: number;
  readonly awards: number;
  readonly deductions: number;
}

export interface PendingEntry {
  readonly key: string;
  readonly status: string;
  readonly date: string;
  readonly item: string;
  readonly quantity: number | null;
  readonly version: number;
  readonly evidence: readonly string[];
  readonly recordedBy: { readonly role: string; readonly id: string };
  readonly recordedOn: string;
  readonly member: {
    readonly code: string;
    readonly name: string;
    readonly community: string | null;
    readonly profileId: string;
    readonly yearTotal: number | null;
  };
}

interface PointsData {
  readonly pointsRankings: readonly {
    readonly group: string;
    readonly members: readonly RankedMember[];
  }[];
  readonly pointsRating: {
    readonly version: string;
    readonly groupBy: string;
    readonly groups: readonly {
      readonly group: string;
      readonly quotas: readonly { readonly band: string; readonly given: number; readonly places: number }[];
    }[];
    readonly bandCounts: readonly { readonly band: string; readonly count: number }[];
    readonly ratings: readonly { readonly member: string; readonly band: string }[];
  };
  readonly pointsReviewQueue: {
    readonly totalCount: number;
    readonly edges: readonly { readonly node: PendingEntry }[];
  };
}

// The head of the ranking and the band counts come from the gateway; only the leaders' bands
// are looked up among the ratings.
const PointsQuery = gql<PointsData, { scope: string; year: number; leaders: number }>`
  query DashboardPoints($scope: String!, $year: Int!, $leaders: Int!) {
    pointsRankings(scope: $scope, year: $year, within: all) {
      group
      members(first: $leaders) { member rank total awards deductions }
    }
    pointsRating(scope: $scope, year: $year) {
      version groupBy
      groups { group quotas { band given places } }
      bandCounts { band count }
      ratings { member band }
    }
    pointsReviewQueue(scope: $scope, year: $year, first: 20) {
      totalCount
      edges {
        node {
          key status date item quantity version evidence recordedOn
          recordedBy { role id }
          member { code name community profileId yearTotal(year: $year) }
        }
      }
    }
  }
`;

interface MemberName {
  readonly code: string;
  readonly name: string;
  readonly community: string | null;
  readonly profileId: string;
}

interface RuleProfileData {
  readonly id: string;
  readonly settings: {
    readonly points?: { readonly ratingBands?: readonly { code: string; name: LocalizedText }[] };
  };
  readonly pointItems: readonly {
    readonly code: string;
    readonly name: LocalizedText;
    readonly unit: string | null;
  }[];
}

/** How many leaders the board shows; the gateway allows 15 aliases, the names take one each. */
const LEADERS = 10;

/** Names of a few members (rankings carry codes only), one alias each. */
function namesQuery(count: number) {
  const vars = Array.from({ length: count }, (_, i) => `$c${i}: String!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `m${i}: partyMember(code: $c${i}) { code name community profileId }`,
  ).join('\n');
  return gql<Record<string, MemberName>, Record<string, string>>(
    `query DashboardMemberNames(${vars}) {\n${fields}\n}`,
  );
}

const ProfileQuery = gql<{ ruleProfile: RuleProfileData }, { id: string; at: string }>`
  query DashboardPointRules($id: String!, $at: String) {
    ruleProfile(id: $id, at: $at) { id settings pointItems { code name { zh en } unit } }
  }
`;

interface ReviewData {
  readonly reviewPointEntry: {
    readonly duplicate: boolean;
    readonly entry: {
      readonly key: string;
      readonly status: string;
      readonly member: { readonly code: string; readonly name: string; readonly yearTotal: number | null };
    };
  };
}

const ApproveMutation = gql<ReviewData, { entry: string; version: number; key: string; year: number }>`
  mutation DashboardApprove($entry: String!, $version: Int, $key: String!, $year: Int!) {
    reviewPointEntry(input: { entry: $entry, decision: approve, expectedVersion: $version, idempotencyKey: $key }) {
      duplicate
      entry { key status member { code name yearTotal(year: $year) } }
    }
  }
`;

// ---------------------------------------------------------------- state

interface Board {
  readonly data: PointsData;
  readonly names: ReadonlyMap<string, MemberName>;
  readonly profile: RuleProfileData | undefined;
}

interface Approval {
  readonly key: string;
  readonly member: string;
  readonly name: string;
  readonly before: number | null;
  readonly after: number | null;
}

/** The year in China today. */
function currentYear(now: Date): number {
  return Number(now.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
}

/** Roles whose review the gateway records as the branch's: the only recorder that approves. */
const APPROVERS: readonly string[] = ['branch_secretary'];

export interface PointsController {
  view(tr: Translator): Html;
  load(): Promise<void>;
  reset(): void;
  /** Handles a click or change on an element of the points part. */
  handle(target: HTMLElement): void;
}

export function createPoints(options: {
  readonly client: Client;
  readonly translator: () => Translator;
  readonly focus: () => string | undefined;
  readonly viewer: () => Viewer | undefined;
  /** Community names the page already knows, for the leaderboard. */
  readonly placeName: (code: string) => string | undefined;
  readonly onChange: () => void;
  readonly onUnauthenticated: () => void;
}): PointsController {
  const thisYear = currentYear(new Date());
  let year = thisYear;
  let board: Load<Board> = { state: 'idle' };
  const busy = new Set<string>();
  let approvals: Approval[] = [];
  let failure: string | undefined;
  let loading = 0;

  function failed(error: Parameters<typeof errorCode>[0]): Load<never> {
    const code = errorCode(error);
    if (code === 'UNAUTHENTICATED') options.onUnauthenticated();
    return { state: 'failed', message: errorMessage(error), ...(code ? { code } : {}) };
  }

  /** Fetches the year's board; `keep` leaves the current one on screen meanwhile (after an approval). */
  async function load(keep = false): Promise<void> {
    const scope = options.focus();
    if (scope === undefined) return;
    const ticket = ++loading;
    if (!(keep && board.state === 'ready')) {
      board = { state: 'loading' };
      options.onChange();
    }
    const r = await options.client
      .query(PointsQuery, { scope, year, leaders: LEADERS }, { requestPolicy: 'network-only' })
      .toPromise();
    if (ticket !== loading) return;
    if (r.error || r.data === undefined) {
      board = r.error
        ? failed(r.error)
        : { state: 'failed', message: options.translator().t('serverUnreachable') };
      options.onChange();
      return;
    }
    const data = r.data;
    const leaders = (data.pointsRankings[0]?.members ?? []).map((m) => m.member);
    const names = new Map<string, MemberName>();
    if (leaders.length > 0) {
      const vars = Object.fromEntries(leaders.map((code, i) => [`c${i}`, code]));
      const n = await options.client
        .query(namesQuery(leaders.length), vars, { requestPolicy: 'network-only' })
        .toPromise();
      for (const m of Object.values(n.data ?? {})) if (m) names.set(m.code, m);
    }
    const profileId =
      [...names.values()][0]?.profileId ??
      data.pointsReviewQueue.edges[0]?.node.member.profileId ??
      'reference';
    const p = await options.client
      .query(ProfileQuery, { id: profileId, at: `${year}-12-31` }, { requestPolicy: 'network-only' })
      .toPromise();
    if (ticket !== loading) return;
    board = { state: 'ready', data: { data, names, profile: p.data?.ruleProfile } };
    options.onChange();
  }

  async function approve(entry: PendingEntry): Promise<void> {
    if (busy.has(entry.key)) return;
    busy.add(entry.key);
    failure = undefined;
    options.onChange();
    const r = await options.client
      .mutation(ApproveMutation, {
        entry: entry.key,
        version: entry.version,
        // One decision per entry: a double click or a retry finds the first approval.
        key: `${entry.key}/review/approve`,
        year,
      })
      .toPromise();
    busy.delete(entry.key);
    if (r.error || r.data === undefined) {
      failure = r.error ? errorMessage(r.error) : options.translator().t('serverUnreachable');
      if (r.error && errorCode(r.error) === 'UNAUTHENTICATED') options.onUnauthenticated();
      options.onChange();
      return;
    }
    const after = r.data.reviewPointEntry.entry.member;
    approvals = [
      {
        key: entry.key,
        member: after.code,
        name: after.name,
        before: entry.member.yearTotal,
        after: after.yearTotal,
      },
      ...approvals.filter((a) => a.key !== entry.key),
    ];
    options.onChange();
    await load(true);
  }

  // ---------------------------------------------------------------- view

  function view(tr: Translator): Html {
    const years = [thisYear, thisYear - 1, thisYear - 2];
    const head = html`<div class="section-head">
      <h2>${tr.t('pointsTitle')}</h2>
      <label class="muted small">${tr.t('pointsYear')}
        <select id="points-year" data-action="points-year">
          ${years.map((y) => html`<option value="${y}" ${y === year ? 'selected' : ''}>${y}</option>`)}
        </select>
      </label>
    </div>`;
    if (board.state !== 'ready') {
      if (board.state === 'failed') {
        return html`${head}<div class="error" role="alert"><p>${board.code === 'FORBIDDEN' ? tr.t('forbidden') : board.message}</p>
          <button type="button" class="ghost" data-action="points-retry">${tr.t('retry')}</button></div>`;
      }
      return html`${head}<p class="muted loading">${tr.t('loading')}</p>`;
    }
    const { data, names, profile } = board.data;
    const bands = profile?.settings.points?.ratingBands ?? [];
    const bandIndex = new Map(bands.map((b, i) => [b.code, i]));
    const bandOf = new Map(data.pointsRating.ratings.map((r) => [r.member, r.band]));
    const bandName = (code: string) => {
      const b = bands.find((x) => x.code === code);
      return b ? tr.pick(b.name) : code;
    };
    const itemName = (code: string) => {
      const item = profile?.pointItems.find((i) => i.code === code);
      return item ? tr.pick(item.name) : code;
    };
    const changed = new Map(approvals.map((a) => [a.member, a]));
    const changedKeys = new Set(approvals.map((a) => a.key));

    const ranking = data.pointsRankings[0]?.members ?? [];
    const place = (code: string | null | undefined) => (code ? options.placeName(code) : undefined);
    // Community names come from the street view; a caller with no street in view (a party
    // scope below the street) gets no community column.
    const places = ranking.some((m) => place(names.get(m.member)?.community) !== undefined);
    const rows = ranking.map((m) => {
      const who = names.get(m.member);
      const band = bandOf.get(m.member);
      const delta = changed.get(m.member);
      return html`<tr data-member="${m.member}" class="${delta ? 'changed' : ''}">
        <td class="num">${m.rank}</td>
        <td>${who?.name ?? m.member} <span class="muted small mono">${m.member}</span></td>
        ${places ? html`<td>${place(who?.community) ?? tr.t('none')}</td>` : ''}
        <td class="num total"><strong>${tr.number(m.total, 1)}</strong></td>
        <td class="num">${m.awards > 0 ? `+${tr.number(m.awards, 1)}` : '0'}</td>
        <td class="num">${m.deductions > 0 ? `−${tr.number(m.deductions, 1)}` : '0'}</td>
        <td>${band ? html`<span class="rating r${bandIndex.get(band) ?? 3}">${bandName(band)}</span>` : tr.t('none')}</td>
      </tr>`;
    });

    // Best band first, as the gateway lists them; empty bands are left out of the chart.
    const counts = new Map(
      data.pointsRating.bandCounts.filter((b) => b.count > 0).map((b) => [b.band, b.count]),
    );
    const order = [...counts.keys()];
    const colours = ['#c0392b', '#3a8a5c', '#c98a1b', '#8a8f98'];
    const distribution =
      order.length > 0
        ? horizontalBars({
            id: 'chart-ratings',
            title: `${tr.t('ratingDistribution')} · ${year}`,
            rows: order.map((band) => ({
              label: bandName(band),
              value: counts.get(band) ?? 0,
              text: tr.number(counts.get(band) ?? 0),
              color: colours[bandIndex.get(band) ?? 3] ?? '#8a8f98',
            })),
          })
        : '';
    const quotas = data.pointsRating.groups.flatMap((g) => g.quotas);
    const quotaNote =
      quotas.length > 0
        ? html`<p class="muted small">${tr.t('rulesVersion')} ${data.pointsRating.version} · ${quotas
            .reduce<{ band: string; given: number; places: number }[]>((acc, q) => {
              const same = acc.find((a) => a.band === q.band);
              if (same) {
                same.given += q.given;
                same.places += q.places;
              } else acc.push({ band: q.band, given: q.given, places: q.places });
              return acc;
            }, [])
            .map(
              (q) =>
                `${bandName(q.band)} ${tr.t('quotaUsed')} ${tr.number(q.given)} / ${tr.number(q.places)}`,
            )
            .join(' · ')}</p>`
        : '';

    const viewer = options.viewer();
    const mayApprove = viewer !== undefined && APPROVERS.includes(viewer.role);
    // An entry just approved leaves the queue at once, before the board is fetched again.
    const waiting = data.pointsReviewQueue.edges.filter(({ node }) => !changedKeys.has(node.key));
    const queue = waiting.map(({ node: e }) => {
      const approving = busy.has(e.key);
      return html`<tr data-entry="${e.key}" data-member="${e.member.code}">
        <td>${e.member.name} <span class="muted small mono">${e.member.code}</span></td>
        <td>${itemName(e.item)}${e.quantity !== null ? html` <span class="muted">× ${tr.number(e.quantity, 1)}</span>` : ''}</td>
        <td class="num">${e.date}</td>
        <td>${tr.label('recorder_', e.recordedBy.role)} <span class="muted small">${e.recordedOn}</span></td>
        <td class="num total" data-total="${e.member.yearTotal ?? ''}">${e.member.yearTotal === null ? tr.t('none') : tr.number(e.member.yearTotal, 1)}</td>
        <td>${
          mayApprove
            ? html`<button type="button" class="primary small-button" data-action="approve" data-entry="${e.key}" ${approving ? 'disabled' : ''}>${approving ? tr.t('approving') : tr.t('approve')}</button>`
            : html`<span class="muted small">${tr.t('branchReviews')}</span>`
        }</td>
      </tr>`;
    });
    const notices = approvals.map(
      (a) =>
        html`<p class="notice" data-approved="${a.key}" data-member="${a.member}">${tr.t('approved')}: ${a.name} ${tr.t('total')}
          <strong class="before">${a.before === null ? tr.t('none') : tr.number(a.before, 1)}</strong> →
          <strong class="after">${a.after === null ? tr.t('none') : tr.number(a.after, 1)}</strong></p>`,
    );

    return html`${head}
      <div class="split">
        <div>
          ${distribution}
          ${quotaNote}
        </div>
        <div class="table-wrap">
          <h3>${tr.t('leaderboard')} · ${year}</h3>
          ${
            ranking.length === 0
              ? html`<p class="muted">${tr.t('noMembers')}</p>`
              : html`<table class="list" id="leaderboard">
            <thead><tr>
              <th class="num">${tr.t('rank')}</th><th>${tr.t('member')}</th>${places ? html`<th>${tr.t('community')}</th>` : ''}
              <th class="num">${tr.t('total')}</th><th class="num">${tr.t('awards')}</th>
              <th class="num">${tr.t('deductions')}</th><th>${tr.t('rating')}</th>
            </tr></thead>
            <tbody>${rows}</tbody>
          </table>
          <p class="muted small">${tr.t('shownOf')} ${tr.number(rows.length)} / ${tr.number(ranking.length)}</p>`
          }
        </div>
      </div>
      <h3 class="sub">${tr.t('pendingTitle')} <span class="muted small">(${tr.number(data.pointsReviewQueue.totalCount)})</span></h3>
      <p class="muted small">${tr.t('pendingIntro')}</p>
      ${notices}
      ${failure ? html`<p class="error" role="alert" id="approve-error">${failure}</p>` : ''}
      ${
        queue.length === 0
          ? html`<p class="muted" id="no-pending">${tr.t('noPending')}</p>`
          : html`<div class="table-wrap"><table class="list" id="pending">
        <thead><tr>
          <th>${tr.t('member')}</th><th>${tr.t('item')}</th><th class="num">${tr.t('occurredOn')}</th>
          <th>${tr.t('recordedBy')}</th><th class="num">${tr.t('yearTotal')}</th><th></th>
        </tr></thead>
        <tbody>${queue}</tbody>
      </table></div>`
      }`;
  }

  return {
    view,
    load: () => load(),
    reset() {
      loading++;
      board = { state: 'idle' };
      approvals = [];
      failure = undefined;
      busy.clear();
      year = thisYear;
    },
    handle(target) {
      const action = target.dataset['action'];
      if (action === 'points-year' && target instanceof HTMLSelectElement) {
        year = Number(target.value);
        approvals = [];
        void load();
      } else if (action === 'points-retry') {
        void load();
      } else if (action === 'approve') {
        const key = target.dataset['entry'];
        const entry =
          board.state === 'ready'
            ? board.data.data.pointsReviewQueue.edges.find((e) => e.node.key === key)
            : undefined;
        if (entry !== undefined) void approve(entry.node);
      }
    },
  };
}
