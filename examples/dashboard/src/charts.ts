import { type Html, html } from './html.js';

/**
 * Hand-written SVG charts: a few horizontal and vertical bars are all a street office needs, and
 * they cost no dependency. Each chart scales to its container through its viewBox; labels are
 * escaped like any other text.
 */

export const PALETTE = ['#c0392b', '#2e6da4', '#3a8a5c', '#c98a1b', '#7b4fa0', '#5a6b7b', '#b35c8a'] as const;

const FONT = 13;

/** A rough width of a label in the chart's font: CJK characters are square, Latin ones narrower. */
function textWidth(text: string, size = FONT): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? size : size * 0.58;
  return w;
}

/** A label in at most two lines that fit a width: split at the space or hyphen nearest the middle. */
function lines(label: string, width: number): readonly string[] {
  if (textWidth(label) <= width) return [label];
  const breaks = [...label.matchAll(/[\s-]/g)].map((m) => m.index);
  if (breaks.length === 0) return [label];
  const at = breaks.reduce((best, i) =>
    Math.abs(i - label.length / 2) < Math.abs(best - label.length / 2) ? i : best,
  );
  const keep = label[at] === '-' ? 1 : 0;
  return [label.slice(0, at + keep), label.slice(at + 1)];
}

/** A scale maximum that leaves room and reads well. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10])
    if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

export interface BarRow {
  readonly label: string;
  readonly value: number;
  /** What the bar's value reads as (default: the number). */
  readonly text?: string;
  readonly color?: string;
}

/**
 * Horizontal bars, one per row, each labelled with its value.
 *
 * @example
 * horizontalBars({ title: '按类型', rows: [{ label: '矛盾纠纷', value: 389 }] })
 */
export function horizontalBars(options: {
  readonly title: string;
  readonly rows: readonly BarRow[];
  readonly width?: number;
  readonly id?: string;
}): Html {
  const width = options.width ?? 380;
  const rowHeight = 26;
  const labelWidth = Math.min(width * 0.4, Math.max(40, ...options.rows.map((r) => textWidth(r.label))) + 10);
  const valueRoom = Math.max(40, ...options.rows.map((r) => textWidth(r.text ?? String(r.value)))) + 8;
  const barRoom = width - labelWidth - valueRoom;
  const max = niceMax(Math.max(0, ...options.rows.map((r) => r.value)));
  const height = options.rows.length * rowHeight + 4;
  const bars = options.rows.map((r, i) => {
    const y = i * rowHeight + 2;
    const w = Math.max(r.value > 0 ? 2 : 0, (r.value / max) * barRoom);
    const color = r.color ?? PALETTE[i % PALETTE.length]!;
    return html`<g class="bar" data-label="${r.label}" data-value="${r.value}">
      <title>${r.label}: ${r.text ?? String(r.value)}</title>
      <text x="${labelWidth - 8}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="central">${r.label}</text>
      <rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${color}"></rect>
      <text class="value" x="${(labelWidth + w + 6).toFixed(1)}" y="${y + rowHeight / 2}" dominant-baseline="central">${r.text ?? String(r.value)}</text>
    </g>`;
  });
  return html`<figure class="chart"${options.id ? html` id="${options.id}"` : ''}>
    <figcaption>${options.title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${options.title}" font-size="${FONT}">${bars}</svg>
  </figure>`;
}

export interface ColumnSeries {
  readonly label: string;
  readonly format: (value: number) => string;
  readonly color: string;
}

/**
 * Small multiples: one row per item, one column per measure, each column with its own scale, so
 * households (thousands) and workers (tens) can sit side by side and still be compared down a
 * column.
 *
 * @example
 * barTable({ title: '各社区', columns: [{ label: '户数', format: String, color: '#c0392b' }], rows: [{ label: '汉江路社区', values: [2373] }] })
 */
export function barTable(options: {
  readonly title: string;
  readonly columns: readonly ColumnSeries[];
  readonly rows: readonly { readonly label: string; readonly values: readonly number[] }[];
  readonly width?: number;
  readonly id?: string;
}): Html {
  const width = options.width ?? 760;
  const rowHeight = 28;
  const header = 26;
  const labelWidth = Math.max(60, ...options.rows.map((r) => textWidth(r.label))) + 12;
  const columnWidth = (width - labelWidth) / options.columns.length;
  const maxima = options.columns.map((_, c) =>
    niceMax(Math.max(0, ...options.rows.map((r) => r.values[c] ?? 0))),
  );
  const height = header + options.rows.length * rowHeight + 4;
  const heads = options.columns.map(
    (col, c) =>
      html`<text class="head" x="${(labelWidth + c * columnWidth + 4).toFixed(1)}" y="${header / 2}" dominant-baseline="central">${col.label}</text>`,
  );
  const rows = options.rows.map((row, i) => {
    const y = header + i * rowHeight;
    const cells = options.columns.map((col, c) => {
      const value = row.values[c] ?? 0;
      const x = labelWidth + c * columnWidth + 4;
      const text = col.format(value);
      const room = columnWidth - 14 - textWidth(text, FONT - 1);
      const w = Math.max(value > 0 ? 2 : 0, (value / maxima[c]!) * room);
      return html`<rect x="${x.toFixed(1)}" y="${y + 5}" width="${w.toFixed(1)}" height="${rowHeight - 10}" rx="3" fill="${col.color}"><title>${row.label} · ${col.label}: ${text}</title></rect>
        <text class="value" x="${(x + w + 4).toFixed(1)}" y="${y + rowHeight / 2}" dominant-baseline="central" font-size="${FONT - 1}">${text}</text>`;
    });
    return html`<g class="row">${i % 2 === 0 ? html`<rect class="stripe" x="0" y="${y}" width="${width}" height="${rowHeight}"></rect>` : ''}
      <text x="${labelWidth - 10}" y="${y + rowHeight / 2}" text-anchor="end" dominant-baseline="central">${row.label}</text>${cells}</g>`;
  });
  return html`<figure class="chart wide"${options.id ? html` id="${options.id}"` : ''}>
    <figcaption>${options.title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${options.title}" font-size="${FONT}">${heads}${rows}</svg>
  </figure>`;
}

/**
 * Vertical columns in a fixed order (the stages of a process), each labelled with its count.
 *
 * @example
 * columns({ title: '各环节', rows: [{ label: '商前沟通', value: 1 }] })
 */
export function columns(options: {
  readonly title: string;
  readonly rows: readonly BarRow[];
  readonly width?: number;
  readonly id?: string;
}): Html {
  const width = options.width ?? 520;
  const plot = 150;
  const top = 22;
  const labels = 40;
  const height = top + plot + labels;
  const slot = width / Math.max(1, options.rows.length);
  const barWidth = Math.min(56, slot * 0.6);
  const max = niceMax(Math.max(0, ...options.rows.map((r) => r.value)));
  const bars = options.rows.map((r, i) => {
    const h = (r.value / max) * plot;
    const x = i * slot + (slot - barWidth) / 2;
    const color = r.color ?? PALETTE[i % PALETTE.length]!;
    return html`<g class="bar" data-label="${r.label}" data-value="${r.value}">
      <title>${r.label}: ${r.text ?? String(r.value)}</title>
      <rect x="${x.toFixed(1)}" y="${(top + plot - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" rx="3" fill="${color}"></rect>
      <text class="value" x="${(i * slot + slot / 2).toFixed(1)}" y="${(top + plot - h - 6).toFixed(1)}" text-anchor="middle">${r.text ?? String(r.value)}</text>
      <text x="${(i * slot + slot / 2).toFixed(1)}" y="${top + plot + 18}" text-anchor="middle">${lines(
        r.label,
        slot - 4,
      ).map(
        (line, n) =>
          html`<tspan x="${(i * slot + slot / 2).toFixed(1)}" dy="${n === 0 ? 0 : FONT + 2}">${line}</tspan>`,
      )}</text>
    </g>`;
  });
  return html`<figure class="chart"${options.id ? html` id="${options.id}"` : ''}>
    <figcaption>${options.title}</figcaption>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${options.title}" font-size="${FONT}">
      <line class="axis" x1="0" x2="${width}" y1="${top + plot}" y2="${top + plot}"></line>${bars}
    </svg>
  </figure>`;
}
