// Models: every version with its offline metrics, NDCG@10 and coverage over versions against popularity,
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
          }),
          h('p', { class: 'hint' }, 'Per-segment metrics appear here once reports carry them.'))
        : section('Metrics over versions', message('No version has an evaluation report yet.', 'muted')),
      dialog.element,
    ];
  },
};

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
