import type { GridRow, NodeRef, UnitStatistics, ViewerData } from '../api.js';
import { barTable, PALETTE } from '../charts.js';
import { duration, moment } from '../format.js';
import { type Html, html } from '../html.js';
import type { Translator } from '../i18n.js';
import type { DashboardState } from '../state.js';
import { pending } from './shell.js';

/** The streets a viewer above street level may look at: their scope's children that have grids first. */
export function streetsOf(viewer: ViewerData): readonly NodeRef[] {
  const scope = viewer.myScope;
  if (scope.level === 'street' || scope.level === 'community') return [scope];
  const children = scope.children.edges.map((e) => e.node).filter((n) => n.level === 'street');
  return [...children].sort((a, b) => (b.statistics?.grids ?? 0) - (a.statistics?.grids ?? 0));
}

export function scopeBar(state: DashboardState, tr: Translator): Html {
  if (state.viewer.state !== 'ready') return html``;
  const scope = state.viewer.data.myScope;
  const streets = streetsOf(state.viewer.data);
  const picker =
    streets.length > 1
      ? html`<label class="focus">${tr.t('focusStreet')}
          <select id="focus" data-action="focus">
            ${streets.map((s) => html`<option value="${s.code}" ${s.code === state.focus ? 'selected' : ''}>${s.name}</option>`)}
          </select></label>`
      : '';
  return html`<span class="muted">${tr.t('scope')}</span>
    <strong id="scope-name">${scope.name}</strong>
    <span class="badge light">${tr.pick(scope.levelName)}</span>
    ${picker}
    <button type="button" class="ghost" data-action="refresh" id="refresh">${tr.t('refresh')}</button>`;
}

function figure(id: string, label: string, value: string, tone = ''): Html {
  return html`<div class="figure ${tone}" data-figure="${id}">
    <span class="figure-value" id="figure-${id}">${value}</span>
    <span class="figure-label">${label}</span>
  </div>`;
}

export function headline(state: DashboardState, tr: Translator): Html {
  const waiting = pending(state.street, tr, 'street');
  if (waiting !== undefined || state.street.state !== 'ready')
    return html`<h2>${tr.t('headlineTitle')}</h2>${waiting}`;
  const { street, communities } = state.street.data;
  const s = street.statistics;
  if (s === null) return html`<h2>${street.name}</h2><p class="muted">${tr.t('noStreet')}</p>`;
  const n = (v: number) => tr.number(v);
  return html`<div class="section-head">
      <h2><span id="street-name">${street.name}</span> · ${tr.t('headlineTitle')}</h2>
      <span class="muted small">${tr.t('asOf')} ${moment(s.asOf, tr)}</span>
    </div>
    <div class="figures">
      ${figure('communities', tr.t('communities'), n(communities.children.totalCount))}
      ${figure('grids', tr.t('grids'), n(s.grids))}
      ${figure('workers', tr.t('workers'), n(s.workers))}
      ${figure('party-members', tr.t('partyMembers'), n(s.partyMembers), 'red')}
      ${figure('party-organisations', tr.t('partyOrganisations'), n(s.partyOrganisations), 'red')}
      ${figure('households', tr.t('households'), n(s.households))}
      ${figure('open-requests', tr.t('openRequests'), n(s.requests.open))}
      ${figure('overdue-requests', tr.t('overdueRequests'), n(s.requests.overdue), s.requests.overdue > 0 ? 'warn' : '')}
    </div>`;
}

function cells(s: UnitStatistics | null, tr: Translator, households?: number): Html {
  if (s === null) return html`<td colspan="8" class="muted">${tr.t('none')}</td>`;
  const n = (v: number) => tr.number(v);
  return html`<td class="num">${n(s.grids)}</td>
    <td class="num">${n(households ?? s.households)}</td>
    <td class="num">${n(s.workers)}</td>
    <td class="num">${n(s.partyMembers)}</td>
    <td class="num">${n(s.partyOrganisations)}</td>
    <td class="num">${n(s.requests.open)}</td>
    <td class="num ${s.requests.overdue > 0 ? 'warn-text' : ''}">${n(s.requests.overdue)}</td>
    <td class="num">${duration(s.requests.timeToResolve.medianHours, tr)}</td>`;
}

function gridRows(rows: readonly GridRow[], tr: Translator): Html[] {
  return rows.map(
    (g) => html`<tr class="grid-row" data-code="${g.code}">
      <td class="name depth-2">
        <span class="node-name">${g.name}</span>
        <span class="team">${g.team.map((w, i) => html`${i > 0 ? '、' : ''}<span class="${w.isPartyMember ? 'party' : ''}" title="${w.isPartyMember ? tr.t('partyMemberMark').trim() : ''}">${w.name}</span>`)}</span>
      </td>
      ${cells(g.statistics, tr, g.households)}
    </tr>`,
  );
}

export function tree(state: DashboardState, tr: Translator): Html {
  if (state.street.state !== 'ready')
    return html`<h2>${tr.t('treeTitle')}</h2>${pending(state.street, tr, 'street')}`;
  const { street, communities } = state.street.data;
  const nodes = communities.children.edges.map((e) => e.node);
  const chartRows = nodes
    .filter((c) => c.statistics !== null)
    .map((c) => ({
      label: c.name,
      values: [
        c.statistics!.households,
        c.statistics!.workers,
        c.statistics!.partyMembers,
        c.statistics!.requests.open,
      ],
    }));
  const fmt = (v: number) => tr.number(v);
  const chart =
    chartRows.length > 0
      ? barTable({
          id: 'chart-communities',
          title: tr.t('perCommunityChart'),
          columns: [
            { label: tr.t('households'), format: fmt, color: PALETTE[1] },
            { label: tr.t('workers'), format: fmt, color: PALETTE[2] },
            { label: tr.t('partyMembers'), format: fmt, color: PALETTE[0] },
            { label: tr.t('openRequests'), format: fmt, color: PALETTE[3] },
          ],
          rows: chartRows,
        })
      : '';
  const body = nodes.map((c) => {
    const open = state.expanded.has(c.code);
    const grids = state.grids.get(c.code);
    let below: Html | Html[] = html``;
    if (open) {
      below =
        grids?.state === 'ready'
          ? gridRows(
              grids.data.grids.edges.map((e) => e.node),
              tr,
            )
          : html`<tr class="grid-row"><td colspan="9" class="depth-2">${pending(grids ?? { state: 'loading' }, tr, `grids:${c.code}`)}</td></tr>`;
    }
    return html`<tr class="community-row" data-code="${c.code}">
        <td class="name depth-1">
          <button type="button" class="toggle" data-action="toggle" data-code="${c.code}" aria-expanded="${open ? 'true' : 'false'}" title="${c.name}${tr.t('gridsOf')}">
            <span class="caret" aria-hidden="true">${open ? '▾' : '▸'}</span> <span class="node-name">${c.name}</span>
          </button>
        </td>
        ${cells(c.statistics, tr)}
      </tr>${below}`;
  });
  return html`<div class="section-head"><h2>${tr.t('treeTitle')}</h2><span class="muted small">${tr.t('treeIntro')}</span></div>
    ${chart}
    <div class="table-wrap">
    <table class="tree" id="tree">
      <thead><tr>
        <th>${tr.t('name')}</th><th class="num">${tr.t('grids')}</th><th class="num">${tr.t('households')}</th>
        <th class="num">${tr.t('workers')}</th><th class="num">${tr.t('partyMembers')}</th>
        <th class="num">${tr.t('partyOrganisations')}</th><th class="num">${tr.t('requestsOpen')}</th>
        <th class="num">${tr.t('requestsOverdue')}</th><th class="num">${tr.t('medianResolve')}</th>
      </tr></thead>
      <tbody>
        <tr class="street-row" data-code="${street.code}">
          <td class="name"><span class="node-name">${street.name}</span></td>
          ${cells(street.statistics, tr)}
        </tr>
        ${body}
      </tbody>
    </table>
    </div>`;
}
