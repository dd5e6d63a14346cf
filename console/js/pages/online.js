// Online: click-through and conversion per version, strategy and variant over time, from GET metrics/online.
import { callIfAvailable, enc } from '../api.js';
import { h, section, table, notAvailable, fmtInt, fmtPct, fmtTime } from '../dom.js';

const groupings = ['version', 'strategy', 'variant'];

export default {
  title: 'Online',
  async render(args) {
    const by = groupings.includes(args[0]) ? args[0] : 'version';
    const body = await callIfAvailable(`metrics/online?by=${enc(by)}`);
    if (body === null) return section('Online metrics', notAvailable('Online metrics'));
    const rows = Array.isArray(body) ? body : body.rows ?? body.metrics ?? body.groups ?? [];
    const select = h('select', { id: 'online-by', onchange: e => { location.hash = `#/online/${e.target.value}`; } },
      groupings.map(g => h('option', { value: g, selected: g === by }, g)));
    return section('Online metrics',
      h('div', { class: 'toolbar' }, h('label', { for: 'online-by' }, 'Group by '), select),
      table(`Online metrics by ${by}`, [
        { label: by, value: r => r.key ?? r[by] ?? r.group ?? '—' },
        { label: 'From', value: r => fmtTime(r.from ?? r.bucket ?? r.day) },
        { label: 'Impressions', num: true, value: r => fmtInt(r.impressions) },
        { label: 'Clicks', num: true, value: r => fmtInt(r.clicks) },
        { label: 'Click-through', num: true, value: r => fmtPct(r.clickThroughRate ?? r.ctr ?? (r.impressions ? r.clicks / r.impressions : null)) },
        { label: 'Conversions', num: true, value: r => fmtInt(r.conversions) },
        { label: 'Conversion', num: true, value: r => fmtPct(r.conversionRate ?? (r.impressions ? r.conversions / r.impressions : null)) },
      ], rows, { empty: 'No impressions recorded yet.' }));
  },
};
