import { CONSULTATION_STATUSES } from '../api.js';
import { columns } from '../charts.js';
import { type Html, html } from '../html.js';
import type { Translator } from '../i18n.js';
import type { DashboardState } from '../state.js';
import { pending } from './shell.js';

const STAGE_COLOURS = ['#c98a1b', '#d9a441', '#2e6da4', '#7b4fa0', '#b35c8a', '#3a8a5c'] as const;

export function consultations(state: DashboardState, tr: Translator): Html {
  const head = html`<div class="section-head"><h2>${tr.t('consultationsTitle')}</h2></div>`;
  const waiting = pending(state.consultations, tr, 'consultations');
  if (waiting !== undefined || state.consultations.state !== 'ready') return html`${head}${waiting}`;
  const data = state.consultations.data;
  if (data.list.totalCount === 0)
    return html`${head}<p class="muted" id="no-consultations">${tr.t('noConsultations')}</p>`;
  const chart = columns({
    id: 'chart-consultation-stages',
    title: tr.t('consultationsByStage'),
    rows: CONSULTATION_STATUSES.map((s, i) => ({
      label: tr.label('stage_', s),
      value: data[s].totalCount,
      color: STAGE_COLOURS[i]!,
    })),
  });
  const rows = data.list.edges.map(({ node: c }) => {
    const stage = CONSULTATION_STATUSES.indexOf(c.status);
    return html`<tr data-id="${c.id}">
      <td>${c.topic.title}<div class="muted small">${tr.pick(c.topic.kindName)}</div></td>
      <td class="nowrap">${c.liaisonGroup?.townshipName ?? c.township}</td>
      <td class="nowrap">${tr.label('form_', c.topic.form)}</td>
      <td class="num">${c.year}</td>
      <td>
        <span class="stages" aria-hidden="true">${CONSULTATION_STATUSES.map(
          (_, i) => html`<span class="step ${i < stage ? 'done' : i === stage ? 'now' : ''}"></span>`,
        )}</span>
        ${tr.pick(c.statusName)}
      </td>
      <td class="num">${c.timeline.reportDueOn ?? tr.t('none')}${c.timeline.reportLate ? html` <span class="warn-text">${tr.t('reportLate')}</span>` : ''}</td>
    </tr>`;
  });
  return html`${head}
    <div class="split">
      ${chart}
      <div class="table-wrap">
      <table class="list" id="consultations">
        <thead><tr>
          <th>${tr.t('consultationTopic')}</th><th>${tr.t('township')}</th><th>${tr.t('form')}</th>
          <th class="num">${tr.t('year')}</th><th>${tr.t('stage')}</th><th class="num">${tr.t('reportDue')}</th>
        </tr></thead>
        <tbody>${rows}</tbody>
      </table>
      </div>
    </div>`;
}
