// Models: every version with its offline metrics, NDCG@10 and coverage over versions against popularity,
// per-segment metrics of a chosen version (candidate against popularity, losing segments flagged),
// and promote / rollback with a confirmation (admin key).
import { call, callIfAvailable, enc, keys } from '../api.js';
import { h, section, table, message, fmtInt, fmt3, fmtTime, badge } from '../dom.js';
import { lineChart } from '../chart.js';

export default {
  title: 'Models',
  async render(args, { announce, rerender }) {
    const list = await call('models');
    const reports = await Promise.all(list.models.map(m => callIfAvailable(`models/${enc(m.version)}/report`).catch(() => null)));
    const rows = list.models.map((m, i) => ({ ...m, report: reports[i] }));
    const dialog = promoteDialog(announce, rerender);
    const chronological = rows.slice().reverse().filter(r => r.report);
    const k = chronological[0]?.report.k ?? 10;
    return [
      section('Versions', table('Model versions, newest first', [
        { label: 'Version', value: r => h('code', {}, r.version) },
        { label: 'Created', value: r => fmtTime(r.createdUtc) },
        { label: 'Algorithm', value: r => r.algorithm },
        { label: 'Users × items', num: true, value: r => `${fmtInt(r.data.users)} × ${fmtInt(r.data.items)}` },
        { label: 'Interactions', num: true, value: r => fmtInt(r.data.interactions) },
        { label: `NDCG@${k}`, num: true, value: r => fmt3(r.report?.candidate.ndcg) },
        { label: `Popularity NDCG@${k}`, num: true, value: r => fmt3(r.report?.popularity.ndcg) },
        { label: `Recall@${k}`, num: true, value: r => fmt3(r.report?.candidate.recall) },
        { label: 'Coverage', num: true, value: r => fmt3(r.report?.candidate.coverage) },
        { label: 'Decision', value: r => (r.report ? r.report.decision.reason : '—') },
        { label: 'Action', value: r => (r.version === list.current
          ? badge('serving')
          : h('button', { type: 'button', class: 'secondary', 'data-version': r.version, onclick: () => dialog.open(r.version, list.current) },
            list.current && r.version < list.current ? 'Roll back…' : 'Promote…')) },
      ], rows, { empty: 'No model versions yet: train one.' })),
      chronological.length
        ? section('Metrics over versions',
          lineChart({
            title: `NDCG@${k} and coverage, each version against popularity`,
            summary: chronological.map(r => `${r.version}: NDCG ${fmt3(r.report.candidate.ndcg)} (popularity ${fmt3(r.report.popularity.ndcg)}), coverage ${fmt3(r.report.candidate.coverage)}`).join('; '),
            x: chronological.map((_, i) => i),
            xLabels: chronological.map(r => r.version.slice(0, 15)),
            series: [
              { label: `NDCG@${k}`, values: chronological.map(r => r.report.candidate.ndcg) },
              { label: `popularity NDCG@${k}`, values: chronological.map(r => r.report.popularity.ndcg), dash: [6, 4] },
              { label: 'coverage', values: chronological.map(r => r.report.candidate.coverage) },
              { label: 'popularity coverage', values: chronological.map(r => r.report.popularity.coverage), dash: [6, 4] },
            ],
          }))
        : section('Metrics over versions', message('No version has an evaluation report yet.', 'muted')),
      segmentSection(rows, list.current),
      dialog.element,
    ];
  },
};

/** The per-segment metrics of one version's report, the serving one first; a select picks another. */
function segmentSection(rows, current) {
  const reported = rows.filter(r => r.report);
  if (!reported.length) return section('Per-segment metrics', message('No version has an evaluation report yet.', 'muted'));
  const chosen = reported.find(r => r.version === current) ?? reported[0];
  const select = h('select', { id: 'segment-version' },
    reported.map(r => h('option', { value: r.version, selected: r.version === chosen.version }, r.version)));
  const body = h('div', { 'aria-live': 'polite' });
  const show = () => body.replaceChildren(...segmentTable(reported.find(r => r.version === select.value)));
  select.addEventListener('change', show);
  show();
  return section('Per-segment metrics', h('div', { class: 'field' }, h('label', { for: 'segment-version' }, 'Version'), select), body);
}

const loses = slice => slice.candidate.ndcg < slice.popularity.ndcg;

function segmentTable(row) {
  const { k, segments = [] } = row.report;
  if (!segments.length) return [message(`The report of ${row.version} has no per-segment metrics (its run found no segments).`, 'muted')];
  const losing = segments.filter(loses).length;
  return [
    table(`Per-segment metrics of ${row.version}`, [
      { label: 'Segment', value: s => h('code', {}, s.slice) },
      { label: 'Label', value: s => s.label },
      { label: 'Users', num: true, value: s => fmtInt(s.candidate.users) },
      { label: `NDCG@${k}`, num: true, value: s => fmt3(s.candidate.ndcg) },
      { label: `Popularity NDCG@${k}`, num: true, value: s => fmt3(s.popularity.ndcg) },
      { label: `Recall@${k}`, num: true, value: s => fmt3(s.candidate.recall) },
      { label: `Popularity recall@${k}`, num: true, value: s => fmt3(s.popularity.recall) },
      { label: `Blended NDCG@${k}`, num: true, value: s => fmt3(s.blended?.ndcg) },
      { label: 'Against popularity', value: s => badge(loses(s) ? 'loses' : 'wins') },
    ], segments, { rowAttributes: s => ({ 'data-segment': s.slice }) }),
    h('p', { class: 'hint', 'data-testid': 'losing-segments' }, losing
      ? `The candidate loses to popularity on NDCG@${k} in ${losing} of ${segments.length} segments.`
      : `The candidate beats popularity on NDCG@${k} in every segment.`),
  ];
}

function promoteDialog(announce, rerender) {
  const reason = h('input', { id: 'promote-reason', type: 'text', value: 'promoted from the console', maxlength: '200' });
  const text = h('p', { id: 'promote-text' });
  const error = h('div', { 'aria-live': 'assertive' });
  const confirm = h('button', { type: 'submit', id: 'promote-confirm' }, 'Promote');
  let version = null;
  const element = h('dialog', { id: 'promote-dialog', 'aria-labelledby': 'promote-title', 'aria-describedby': 'promote-text' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'promote-title' }, 'Change the serving model'),
      text,
      h('label', { for: 'promote-reason' }, 'Reason (recorded with the pointer)'), reason,
      error,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', onclick: () => element.close() }, 'Cancel'),
        confirm)));
  element.querySelector('form').addEventListener('submit', async event => {
    event.preventDefault();
    confirm.disabled = true;
    try {
      const result = await call(`models/${enc(version)}/promote?reason=${enc(reason.value || 'promoted from the console')}`, { method: 'POST', admin: true });
      element.close();
      announce(`Version ${result.version} is serving now.`);
      await rerender();
    } catch (e) {
      error.replaceChildren(message(e.message, 'error'));
    } finally {
      confirm.disabled = false;
    }
  });
  return {
    element,
    open(v, current) {
      version = v;
      error.replaceChildren(keys.admin ? '' : message('Promotion needs the admin key: enter it above first.', 'warn'));
      text.textContent = `Serve version ${v} instead of ${current ?? 'nothing'}? Every instance follows within its refresh interval.`;
      element.showModal();
      reason.focus();
    },
  };
}
