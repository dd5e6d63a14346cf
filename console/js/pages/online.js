// Online: click-through, conversion and hit rate per version, strategy, variant and period, from GET metrics/online,
// with the champion/challenger comparison when both served.
import { callIfAvailable, enc } from '../api.js';
import { h, section, table, facts, notAvailable, fmtInt, fmtPct, fmtTime } from '../dom.js';

const groupings = {
  'version,strategy,variant': 'version, strategy, variant',
  'version,day': 'version per day',
  'version,hour': 'version per hour',
  'variant': 'variant',
  'strategy': 'strategy',
};

const keys = [
  ['version', r => r.modelVersion],
  ['strategy', r => r.strategy],
  ['variant', r => r.variant],
  ['segment', r => r.segment],
  ['day', r => r.period],
  ['hour', r => r.period],
];

export default {
  title: 'Online',
  async render(args) {
    const by = Object.hasOwn(groupings, args[0] ?? '') ? args[0] : 'version,strategy,variant';
    const body = await callIfAvailable(`metrics/online?by=${enc(by)}`);
    if (body === null) return section('Online metrics', notAvailable('Online metrics'));
    const rows = body.rows ?? [];
    const grouped = by.split(',');
    const select = h('select', { id: 'online-by', onchange: e => { location.hash = `#/online/${e.target.value}`; } },
      Object.entries(groupings).map(([value, label]) => h('option', { value, selected: value === by }, label)));
    const columns = keys.filter(([name]) => grouped.includes(name)).map(([name, value]) => ({ label: name, value: r => value(r) ?? '—' }));
    const c = body.comparison;
    return section('Online metrics',
      h('div', { class: 'toolbar' }, h('label', { for: 'online-by' }, 'Group by '), select),
      facts([
        ['Window', `${fmtTime(body.from)} – ${fmtTime(body.to)}`],
        ['Attribution', `events within ${fmtInt(body.windowHours)} h of the impression; hit rate @${fmtInt(body.k)}`],
        c ? ['Challenger − champion click-through', `${fmtPct(c.difference)} (95 % interval ${fmtPct(c.low)} to ${fmtPct(c.high)}${c.significant ? ', significant' : ''})`] : null,
      ]),
      table(`Online metrics by ${groupings[by]}`, [
        ...columns,
        { label: 'Impressions', num: true, value: r => fmtInt(r.impressions) },
        { label: 'Click-through', num: true, value: r => fmtPct(r.clickThrough) },
        { label: 'Conversion', num: true, value: r => fmtPct(r.conversion) },
        { label: 'Hit rate', num: true, value: r => fmtPct(r.hitRate) },
        { label: 'Coverage', num: true, value: r => fmtPct(r.coverage) },
        { label: 'Value', num: true, value: r => fmtInt(Math.round(r.value ?? 0)) },
      ], rows, { empty: 'No impressions in this window yet.' }));
  },
};
