import { horizontalBars } from '../charts.js';
import { duration, maskName, maskPhone } from '../format.js';
import { type Html, html } from '../html.js';
import type { Translator } from '../i18n.js';
import type { DashboardState } from '../state.js';
import { pending } from './shell.js';

const TYPE_COLOURS: Readonly<Record<string, string>> = {
  dispute: '#c0392b',
  safety_hazard: '#c98a1b',
  service_request: '#2e6da4',
};

const STATUS_COLOURS: Readonly<Record<string, string>> = {
  reported: '#c98a1b',
  assigned: '#d9a441',
  in_progress: '#2e6da4',
  resolved: '#3a8a5c',
  closed: '#6b8f71',
  rejected: '#8a8f98',
  duplicate: '#a8adb5',
};

export function requestCharts(state: DashboardState, tr: Translator): Html {
  const waiting = pending(state.street, tr, 'street');
  if (waiting !== undefined || state.street.state !== 'ready')
    return html`<h2>${tr.t('requestsTitle')}</h2>${waiting}`;
  const r = state.street.data.street.statistics?.requests;
  if (r === undefined) return html`<h2>${tr.t('requestsTitle')}</h2><p class="muted">${tr.t('noStreet')}</p>`;
  const n = (v: number) => tr.number(v);
  return html`<div class="section-head"><h2>${tr.t('requestsTitle')}</h2>
      <span class="muted small">${tr.t('requestsTotal')} ${n(r.total)}</span></div>
    <div class="charts">
      ${horizontalBars({
        id: 'chart-request-types',
        title: tr.t('byType'),
        rows: r.byType.map((t) => ({
          label: tr.pick(t.name),
          value: t.count,
          text: n(t.count),
          color: TYPE_COLOURS[t.type] ?? '#5a6b7b',
        })),
      })}
      ${horizontalBars({
        id: 'chart-request-statuses',
        title: tr.t('byStatus'),
        rows: r.byStatus.map((s) => ({
          label: tr.pick(s.name),
          value: s.count,
          text: n(s.count),
          color: STATUS_COLOURS[s.status] ?? '#5a6b7b',
        })),
      })}
      <figure class="chart facts">
        <figcaption>${tr.t('resolutionTimes')}</figcaption>
        <dl>
          <div><dt>${tr.t('medianResolve')}</dt><dd id="median-resolve">${duration(r.timeToResolve.medianHours, tr)}</dd></div>
          <div><dt>${tr.t('p90Resolve')}</dt><dd id="p90-resolve">${duration(r.timeToResolve.p90Hours, tr)}</dd></div>
          <div><dt>${tr.t('escalated')}</dt><dd>${n(r.escalated)}</dd></div>
          <div><dt>${tr.t('resolvedLate')}</dt><dd>${n(r.resolvedLate)}</dd></div>
          <div><dt>${tr.t('overdueRequests')}</dt><dd class="warn-text">${n(r.overdue)}</dd></div>
        </dl>
      </figure>
    </div>`;
}

export function overdueList(state: DashboardState, tr: Translator): Html {
  const head = html`<div class="section-head"><h2>${tr.t('overdueTitle')}</h2><span class="muted small">${tr.t('overdueIntro')}</span></div>`;
  const waiting = pending(state.overdue, tr, 'overdue');
  if (waiting !== undefined || state.overdue.state !== 'ready') return html`${head}${waiting}`;
  const list = state.overdue.data;
  if (list.items.length === 0) return html`${head}<p class="muted" id="no-overdue">${tr.t('noOverdue')}</p>`;
  const rows = list.items.map((r) => {
    const reporter =
      r.reporter === null || (r.reporter.name === null && r.reporter.phone === null)
        ? tr.t('none')
        : [r.reporter.name && maskName(r.reporter.name), r.reporter.phone && maskPhone(r.reporter.phone)]
            .filter(Boolean)
            .join(' ');
    const climbs = r.sla.level !== r.level;
    return html`<tr data-id="${r.id}">
      <td class="mono">${r.id}</td>
      <td><span class="pill type-${r.type}">${tr.label('type_', r.type)}</span></td>
      <td>${r.summary}</td>
      <td>${r.grid?.name ?? r.gridCode}</td>
      <td class="num">${r.dueDate}</td>
      <td class="num warn-text">${tr.number(r.sla.overdueWorkingDays)}</td>
      <td>${tr.pick(r.levelName)}${climbs ? html` <span class="escalate" title="${tr.t('levelDue')}">→ ${tr.label('level_', r.sla.level)}</span>` : ''}</td>
      <td>${tr.pick(r.statusName)}</td>
      <td>${reporter}${r.reporter?.masked ? html` <span class="muted small">(${tr.t('masked')})</span>` : ''}</td>
    </tr>`;
  });
  return html`${head}
    <div class="table-wrap">
    <table class="list" id="overdue">
      <thead><tr>
        <th>${tr.t('requestId')}</th><th>${tr.t('type')}</th><th>${tr.t('summary')}</th><th>${tr.t('grid')}</th>
        <th class="num">${tr.t('dueDate')}</th><th class="num">${tr.t('overdueDays')}</th><th>${tr.t('level')}</th>
        <th>${tr.t('status')}</th><th>${tr.t('reporter')}</th>
      </tr></thead>
      <tbody>${rows}</tbody>
    </table>
    </div>
    <p class="list-foot">
      <span class="muted">${tr.t('shownOf')} ${tr.number(list.items.length)} / ${tr.number(list.totalCount)}</span>
      ${
        list.hasNextPage
          ? html`<button type="button" class="ghost" data-action="more-overdue" ${state.overdueMore ? 'disabled' : ''}>${state.overdueMore ? tr.t('loading') : tr.t('loadMore')}</button>`
          : ''
      }
    </p>`;
}
