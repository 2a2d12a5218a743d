// Hand-drawn SVG charts. Each is an image with a text alternative (role="img", aria-label) and prints its values
// as text, so the numbers are readable without seeing the shapes. {@code width} is the width the chart is shown at
// (CSS pixels), so that its text keeps its size on a handheld.
import {esc} from '/shared/api.js';

export const COLORS = ['#0b5cad', '#c25e00', '#1a7f37', '#8250df', '#b42318', '#57606a'];

/** Vertical bars over time: {@code points} [{label, value}], oldest first; labels every {@code every} bars. */
export function columns(points, {label, every = 10, testid, width = 900}) {
  const w = width;
  const h = 200;
  const left = 34;
  const right = 30;  // room for the last time label, centred under the last bar
  const bottom = 22;
  const max = Math.max(1, ...points.map(p => p.value));
  const step = (w - left - right) / Math.max(1, points.length);
  const y = v => (h - bottom) - (v / max) * (h - bottom - 12);
  const bars = points.map((p, i) => {
    const x = left + i * step;
    return `<rect x="${(x + step * 0.12).toFixed(1)}" y="${y(p.value).toFixed(1)}" width="${(step * 0.76).toFixed(1)}"
      height="${(h - bottom - y(p.value)).toFixed(1)}" fill="${COLORS[0]}">
      <title>${esc(p.label)}: ${p.value}</title></rect>`;
  }).join('');
  const ticks = points.map((p, i) => (points.length - 1 - i) % every === 0
    ? `<text x="${(left + (i + 0.5) * step).toFixed(1)}" y="${h - 6}" text-anchor="middle">${esc(p.label)}</text>`
    : '').join('');
  return `<svg class="chart" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(label)}"
      ${testid ? `data-testid="${testid}"` : ''}>
    <line x1="${left}" y1="${h - bottom}" x2="${w - right}" y2="${h - bottom}" class="axis"/>
    <text x="${left - 4}" y="${y(max) + 4}" text-anchor="end">${max}</text>
    <text x="${left - 4}" y="${h - bottom}" text-anchor="end">0</text>
    ${bars}${ticks}
  </svg>`;
}

/**
 * A share: one bar split into {@code slices} [{key, value, text}] with a legend giving each value and percentage.
 */
export function share(slices, {label, unit, testid}) {
  const total = slices.reduce((s, x) => s + x.value, 0);
  const w = 600;
  let x = 0;
  const parts = total === 0 ? `<rect x="0" y="0" width="${w}" height="28" class="empty"/>`
    : slices.map((s, i) => {
      const width = (s.value / total) * w;
      const rect = `<rect x="${x.toFixed(1)}" y="0" width="${width.toFixed(1)}" height="28"
        fill="${COLORS[i % COLORS.length]}">
        <title>${esc(s.key)}: ${s.value} ${esc(unit)}</title></rect>`;
      x += width;
      return rect;
    }).join('');
  const pct = v => total ? Math.round((v / total) * 100) : 0;
  const legend = slices.map((s, i) => `<li data-testid="${testid}-${esc(s.key)}" data-value="${s.value}">
    <span class="swatch" style="background:${COLORS[i % COLORS.length]}"></span>
    <strong>${esc(s.key)}</strong> ${s.value} ${esc(unit)} (${pct(s.value)}%)${s.text ? `, ${esc(s.text)}` : ''}</li>`)
    .join('');
  const alt = total ? slices.map(s => `${s.key} ${s.value} (${pct(s.value)}%)`).join(', ') : 'nothing yet';
  return `<svg class="chart bar" viewBox="0 0 ${w} 28" role="img" aria-label="${esc(`${label}: ${alt}`)}"
      preserveAspectRatio="none" ${testid ? `data-testid="${testid}"` : ''}>${parts}</svg>
    <ul class="legend">${legend || '<li class="muted">Nothing in this window.</li>'}</ul>`;
}

function shorten(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars, one per item [{label, value, id}], largest first, each labelled with its value. */
export function bars(items, {label, unit, testid, width = 600}) {
  if (!items.length) {
    return `<p class="muted" ${testid ? `data-testid="${testid}"` : ''}>None.</p>`;
  }
  const rowH = 26;
  const w = width;
  const labelW = Math.min(250, Math.round(width * 0.5));
  const max = Math.max(1, ...items.map(i => i.value));
  const rows = items.map((item, n) => {
    const y = n * rowH;
    const width = Math.max(2, (item.value / max) * (w - labelW - 60));
    return `<g data-testid="${testid}-row" data-id="${esc(item.id)}" data-value="${item.value}">
      <text x="0" y="${y + 17}">${esc(shorten(item.label, Math.floor(labelW / 7.5)))}</text>
      <rect x="${labelW}" y="${y + 4}" width="${width.toFixed(1)}" height="${rowH - 8}" fill="${COLORS[1]}">
        <title>${esc(item.label)}: ${item.value} ${esc(unit)}</title></rect>
      <text x="${labelW + width + 6}" y="${y + 17}">${item.value}</text></g>`;
  }).join('');
  const alt = items.map(i => `${i.label} ${i.value}`).join(', ');
  return `<svg class="chart" viewBox="0 0 ${w} ${items.length * rowH}" role="img"
      aria-label="${esc(`${label}: ${alt}`)}" ${testid ? `data-testid="${testid}"` : ''}>${rows}</svg>`;
}
