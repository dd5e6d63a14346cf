// Line charts with uPlot (bundled with the app: vendor/uplot.js), sized to their container.
import uPlot from '../vendor/uplot.js';
import { h } from './dom.js';

const palette = ['#1f5fbf', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490'];

/**
 * A chart of `series` ([{ label, values, dash }]) over `x` (numbers: seconds for time, else indices), with an
 * accessible summary (`summary`) for screen readers. `xLabels` names index positions (e.g. versions); `padding` is
 * the room around a single point on the x axis.
 */
export function lineChart({ title, summary, x, series, time = false, xLabels, yLabel, bars = false, padding }) {
  const holder = h('figure', { class: 'chart' }, h('figcaption', {}, title));
  const plotArea = h('div', { class: 'plot', role: 'img', 'aria-label': summary });
  holder.append(plotArea);
  const options = {
    width: 600,
    height: 240,
    // One point alone would make uPlot span years around it: give it a bucket's room on each side.
    scales: { x: { time, range: x.length === 1 ? [x[0] - (padding ?? 1), x[0] + (padding ?? 1)] : undefined } },
    legend: { live: false },
    axes: [
      { stroke: '#333', grid: { stroke: '#e5e7eb' }, values: xLabels ? (u, ticks) => ticks.map(t => xLabels[t] ?? '') : undefined, incrs: xLabels ? [1, 2, 5, 10, 20, 50] : undefined, space: xLabels ? 80 : 50 },
      { stroke: '#333', grid: { stroke: '#e5e7eb' }, label: yLabel, size: 60 },
    ],
    series: [{ label: time ? 'time' : 'version' }, ...series.map((s, i) => ({
      label: s.label,
      stroke: palette[i % palette.length],
      width: 2,
      dash: s.dash,
      points: { show: true, size: 6 },
      paths: bars ? uPlot.paths.bars({ size: [0.6, 40] }) : undefined,
      fill: bars ? palette[i % palette.length] + '55' : undefined,
    }))],
  };
  const data = [x, ...series.map(s => s.values)];
  let plot;
  const resize = () => {
    const width = Math.max(260, Math.floor(plotArea.clientWidth));
    if (plot) plot.setSize({ width, height: 240 });
  };
  queueMicrotask(() => {
    options.width = Math.max(260, Math.floor(plotArea.clientWidth || 600));
    plot = new uPlot(options, data, plotArea);
    new ResizeObserver(resize).observe(plotArea);
  });
  return holder;
}
