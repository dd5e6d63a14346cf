// Overview: the serving model, the last training runs (stage durations, decisions), ingestion over time, alerts
// (failed or rejected uploads, runs that did not promote, erasures pending: the last with the admin key).
import { call, callIfAvailable, enc, keys, ApiError } from '../api.js';
import { h, section, table, facts, message, fmtInt, fmt3, fmtTime, fmtSeconds, badge } from '../dom.js';
import { lineChart } from '../chart.js';

export default {
  title: 'Overview',
  async render() {
    const [current, list, batches, erasures] = await Promise.all([
      call('models/current').catch(e => { if (e instanceof ApiError && e.status === 503) return null; throw e; }),
      call('models'),
      call('batches'),
      openErasures(),
    ]);
    const recent = list.models.slice(0, 5);
    const reports = await Promise.all(recent.map(m => callIfAvailable(`models/${enc(m.version)}/report`).catch(() => null)));
    return [
      serving(current),
      alerts(batches.batches, recent, reports, erasures),
      runs(recent, reports, list.current),
      ingestion(batches.batches),
    ];
  },
};

function serving(current) {
  if (!current) return section('Serving model', message('No model is serving yet: upload events and train.', 'warn'));
  const m = current.metrics;
  return section('Serving model', facts([
    ['Version', h('code', { 'data-testid': 'serving-version' }, current.version)],
    ['Algorithm', current.algorithm],
    ['Promoted', `${fmtTime(current.promotedUtc)} — ${current.reason}`],
    ['Trained on', `${fmtInt(current.users)} users × ${fmtInt(current.items)} items`],
    m && [`NDCG@${m.k}`, fmt3(m.ndcg)],
    m && ['Coverage', fmt3(m.coverage)],
  ]));
}

/** The open erasures (GET erasures, admin key): undefined without the admin key, null where the route does not
 *  exist, { error } when the call failed. */
async function openErasures() {
  if (!keys.admin) return undefined;
  try {
    return await callIfAvailable('erasures?state=open', { admin: true });
  } catch (e) {
    return { error: e.message };
  }
}

function erasureAlert(erasures) {
  if (!erasures?.count) return null;
  const overdue = erasures.overdue ? `, ${fmtInt(erasures.overdue)} past the deadline` : '';
  return h('li', { 'data-testid': 'erasures-pending' },
    `${fmtInt(erasures.count)} erasure${erasures.count === 1 ? '' : 's'} pending (oldest since ${fmtTime(erasures.oldestForgottenAt)})${overdue}`);
}

function erasureNote(erasures) {
  if (erasures === undefined) return h('p', { class: 'hint' }, 'Enter the admin key to see pending erasures.');
  if (erasures === null) return h('p', { class: 'hint' }, 'Pending erasures are not listed by this deployment (GET erasures answered 404).');
  if (erasures.error) return message(`Pending erasures could not be read: ${erasures.error}`, 'warn');
  return null;
}

function alerts(batches, manifests, reports, erasures) {
  const items = [];
  const failed = batches.filter(b => b.status === 'failed');
  const rejected = batches.filter(b => b.status === 'rejected');
  if (failed.length) items.push(`${failed.length} upload(s) failed to ingest, latest ${failed[0].blobName}: ${failed[0].reason ?? 'no reason recorded'}`);
  if (rejected.length) items.push(`${rejected.length} upload(s) rejected, latest ${rejected[0].blobName}: ${rejected[0].reason ?? ''}`);
  manifests.forEach((m, i) => {
    const decision = reports[i]?.decision;
    if (decision && !decision.promote) items.push(`Run ${m.version} did not promote: ${decision.reason}`);
  });
  const erasure = erasureAlert(erasures);
  const none = erasures?.count === 0
    ? 'No failed or rejected uploads, every recent run promoted, and no erasure is pending.'
    : 'No failed or rejected uploads, and every recent run promoted.';
  return section('Alerts', items.length || erasure
    ? h('ul', { class: 'alerts' }, erasure, items.map(text => h('li', {}, text)))
    : message(none, 'good'),
  erasureNote(erasures));
}

function runs(manifests, reports, currentVersion) {
  const stages = [...new Set(manifests.flatMap(m => Object.keys(m.timingsSeconds ?? {})))];
  return section('Last training runs', table('Last training runs with stage durations and decisions', [
    { label: 'Version', value: m => h('code', {}, m.version) },
    { label: 'Created', value: m => fmtTime(m.createdUtc) },
    { label: 'Algorithm', value: m => m.algorithm },
    ...stages.map(stage => ({ label: stage, num: true, value: m => fmtSeconds(m.timingsSeconds?.[stage]) })),
    { label: 'Decision', value: m => {
      const d = reports[manifests.indexOf(m)]?.decision;
      return d ? [badge(d.promote ? 'promoted' : 'kept'), ' ', d.reason] : '—';
    } },
    { label: 'Serving', value: m => (m.version === currentVersion ? badge('serving') : '') },
  ], manifests, { empty: 'No model versions yet.' }));
}

/** Accepted / quarantined rows and rejected / failed uploads per day (per hour when everything is within two days). */
function ingestion(batches) {
  const dated = batches.filter(b => b.recordedUtc).map(b => ({ ...b, t: Date.parse(b.recordedUtc) / 1000 }));
  if (!dated.length) return section('Ingestion over time', message('No uploads recorded yet.', 'muted'));
  const span = Math.max(...dated.map(b => b.t)) - Math.min(...dated.map(b => b.t));
  const bucket = span <= 2 * 86400 ? 3600 : 86400;
  const buckets = new Map();
  for (const b of dated) {
    const key = Math.floor(b.t / bucket) * bucket;
    const entry = buckets.get(key) ?? { accepted: 0, quarantined: 0, rejected: 0, failed: 0 };
    entry.accepted += b.accepted;
    entry.quarantined += b.quarantined;
    if (b.status === 'rejected') entry.rejected++;
    if (b.status === 'failed') entry.failed++;
    buckets.set(key, entry);
  }
  const x = [...buckets.keys()].sort((a, b) => a - b);
  const values = key => x.map(t => buckets.get(t)[key]);
  const totals = dated.reduce((s, b) => ({ accepted: s.accepted + b.accepted, quarantined: s.quarantined + b.quarantined }), { accepted: 0, quarantined: 0 });
  const unit = bucket === 3600 ? 'hour' : 'day';
  return section('Ingestion over time',
    lineChart({
      title: `Rows per ${unit}`,
      summary: `${fmtInt(totals.accepted)} rows accepted and ${fmtInt(totals.quarantined)} quarantined across ${dated.length} uploads.`,
      x, time: true, bars: x.length < 3, padding: bucket,
      series: [{ label: 'accepted rows', values: values('accepted') }, { label: 'quarantined rows', values: values('quarantined') }],
    }),
    table(`Uploads per ${unit}`, [
      { label: unit === 'hour' ? 'Hour' : 'Day', value: t => fmtTime(new Date(t * 1000).toISOString()) },
      { label: 'Accepted rows', num: true, value: t => fmtInt(buckets.get(t).accepted) },
      { label: 'Quarantined rows', num: true, value: t => fmtInt(buckets.get(t).quarantined) },
      { label: 'Rejected uploads', num: true, value: t => fmtInt(buckets.get(t).rejected) },
      { label: 'Failed uploads', num: true, value: t => fmtInt(buckets.get(t).failed) },
    ], x.slice().reverse().slice(0, 14)));
}
