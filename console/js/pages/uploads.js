// Uploads: every recorded batch with its state, counts and reason; a quarantine sample for a batch (admin key).
import { call, enc, keys } from '../api.js';
import { h, section, table, message, fmtInt, fmtTime, badge } from '../dom.js';

const statuses = ['', 'processed', 'duplicate', 'rejected', 'failed'];

export default {
  title: 'Uploads',
  async render(args, { announce }) {
    const wanted = statuses.includes(args[0]) ? args[0] : '';
    const { batches } = await call(wanted ? `batches?status=${enc(wanted)}` : 'batches');
    const sample = h('div', { id: 'quarantine-sample' });
    const filter = h('select', { id: 'status-filter', onchange: e => { location.hash = `#/uploads/${e.target.value}`; } },
      statuses.map(s => h('option', { value: s, selected: s === wanted }, s || 'all states')));
    const counts = Object.fromEntries(statuses.slice(1).map(s => [s, batches.filter(b => b.status === s).length]));
    return [
      section('Batches',
        h('div', { class: 'toolbar' }, h('label', { for: 'status-filter' }, 'State '), filter,
          h('span', { class: 'hint' }, statuses.slice(1).map(s => `${counts[s]} ${s}`).join(' · '))),
        table('Uploaded batches, newest first', [
          { label: 'Blob', value: b => h('code', {}, b.blobName) },
          { label: 'Kind', value: b => b.kind },
          { label: 'State', value: b => badge(b.status) },
          { label: 'Accepted', num: true, value: b => fmtInt(b.accepted) },
          { label: 'Quarantined', num: true, value: b => (b.quarantined > 0
            ? h('button', { type: 'button', class: 'link', 'aria-controls': 'quarantine-sample', onclick: () => showSample(b, sample, announce) }, fmtInt(b.quarantined))
            : fmtInt(b.quarantined)) },
          { label: 'Duplicate rows', num: true, value: b => fmtInt(b.duplicateRows) },
          { label: 'Reason', value: b => b.reason ?? '' },
          { label: 'Recorded', value: b => fmtTime(b.recordedUtc) },
        ], batches, { empty: wanted ? `No batch is ${wanted}.` : 'No uploads recorded yet.' })),
      section('Quarantine sample', sample.childElementCount ? sample : (sample.append(
        message('Choose a batch\'s quarantined count to see its first quarantined rows and why they were refused (needs the admin key).', 'muted')), sample)),
    ];
  },
};

async function showSample(batch, holder, announce) {
  if (!keys.admin) {
    holder.replaceChildren(message('Quarantined rows can hold user data: enter the admin key above to see them.', 'warn'));
    holder.scrollIntoView({ block: 'nearest' });
    return;
  }
  holder.replaceChildren(h('p', { class: 'loading' }, 'Loading…'));
  try {
    const result = await call(`batches/${enc(batch.batchId)}/quarantine?count=20`, { admin: true });
    holder.replaceChildren(
      h('p', {}, `First ${result.rows.length} of ${fmtInt(result.batch.quarantined)} quarantined rows of `, h('code', {}, batch.blobName), ':'),
      table('Quarantined rows', [
        { label: 'Line', num: true, value: r => fmtInt(r.line) },
        { label: 'Reason', value: r => r.reason },
        { label: 'Raw text', value: r => h('code', { class: 'raw' }, r.raw) },
      ], result.rows, { empty: 'The quarantine file is gone (pruned).' }));
    announce(`Showing ${result.rows.length} quarantined rows.`);
  } catch (e) {
    holder.replaceChildren(message(e.message, 'error'));
  }
  holder.scrollIntoView({ block: 'nearest' });
}
