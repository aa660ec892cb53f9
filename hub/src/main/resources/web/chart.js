// Bar charts drawn as inline SVG (no library): one group per label, one bar per series.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, textValue) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (textValue !== undefined) node.textContent = String(textValue);
  return node;
}

/**
 * labels: category names; series: [{name, className, values: [number per label]}].
 * Returns an <svg> that scales to its container's width.
 */
export function barChart(labels, series, title) {
  const width = Math.max(560, labels.length * (series.length * 14 + 18) + 60);
  const height = 220;
  const left = 44, bottom = 44, top = 14;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...series.flatMap(s => s.values));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'bar-chart', role: 'img',
    'aria-label': title, preserveAspectRatio: 'xMinYMin meet' });
  root.appendChild(svg('title', {}, title));
  for (let v = 0; v <= yMax; v += step) {
    const y = top + plotH - (v / yMax) * plotH;
    root.appendChild(svg('line', { x1: left, x2: width - 6, y1: y, y2: y, class: 'grid' }));
    root.appendChild(svg('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, v));
  }
  const groupW = (width - left - 10) / Math.max(1, labels.length);
  const barW = Math.max(4, Math.min(22, (groupW - 8) / series.length));
  labels.forEach((label, i) => {
    const x0 = left + i * groupW + (groupW - barW * series.length) / 2;
    series.forEach((s, j) => {
      const v = s.values[i] || 0;
      const h = (v / yMax) * plotH;
      const bar = svg('rect', { x: x0 + j * barW, y: top + plotH - h, width: barW - 1, height: Math.max(h, 0),
        class: 'bar ' + s.className });
      bar.appendChild(svg('title', {}, label + ': ' + s.name + ' ' + v));
      root.appendChild(bar);
    });
    const short = labels.length > 12 && i % Math.ceil(labels.length / 12) !== 0 ? '' : label;
    root.appendChild(svg('text', { x: left + i * groupW + groupW / 2, y: height - bottom + 16, class: 'axis',
      'text-anchor': 'middle' }, short));
  });
  const legend = svg('g', { class: 'legend' });
  series.forEach((s, j) => {
    const x = left + j * 110;
    legend.appendChild(svg('rect', { x, y: height - 16, width: 10, height: 10, class: 'bar ' + s.className }));
    legend.appendChild(svg('text', { x: x + 14, y: height - 7, class: 'axis' }, s.name));
  });
  root.appendChild(legend);
  return root;
}

function niceStep(max) {
  const raw = max / 5;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const n = raw / mag;
  return Math.max(1, (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * mag);
}
