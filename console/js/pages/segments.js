// Segments: how k was chosen, and each segment's size, label, activity, categories and popular items (GET segments).
import { ApiError, callIfAvailable } from '../api.js';
import { h, section, table, facts, message, notAvailable, fmtInt, fmtPct, fmt3 } from '../dom.js';

export default {
  title: 'Segments',
  async render() {
    let body;
    try {
      body = await callIfAvailable('segments');
    } catch (e) {
      // The route exists, but the serving version has no segments (too few users, or segmentation off).
      if (e instanceof ApiError && e.status === 404 && e.problem?.parameter === 'segments') {
        return section('Segments', message(e.problem.detail ?? 'The serving model has no user segments.', 'muted'));
      }
      throw e;
    }
    if (body === null) return section('Segments', notAvailable('Segments'));
    const segments = body.segments ?? [];
    return section('Segments',
      facts([
        ['Model version', body.modelVersion ?? '—'],
        ['Segments (k)', fmtInt(body.k)],
        ['Chosen by', body.criterion ?? '—'],
        ['Users', fmtInt(body.users)],
        ['Users in the k-search sample', fmtInt(body.sampleUsers)],
      ]),
      table('User segments', [
        { label: 'Segment', value: s => s.segmentId },
        { label: 'Label', value: s => s.label ?? '' },
        { label: 'Users', num: true, value: s => fmtInt(s.users) },
        { label: 'Share', num: true, value: s => fmtPct(s.share) },
        { label: 'Mean interactions', num: true, value: s => fmt3(s.meanInteractions) },
        { label: 'Top categories', value: s => (s.topCategories ?? []).map(c => `${c.category} ${fmtPct(c.share)}`).join(', ') },
        { label: 'Active', value: s => s.peakTime ?? '' },
        { label: 'Popular items', value: s => (s.popularItems ?? []).slice(0, 5).map(t => t.itemId).join(', ') },
      ], segments, { empty: 'No segments in the serving model.' }),
      h('p', { class: 'hint' }, `${segments.length} segment(s).`));
  },
};
