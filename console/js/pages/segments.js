// Segments: sizes, descriptions and top items, from GET segments (shows "not available yet" where the API has none).
import { callIfAvailable } from '../api.js';
import { h, section, table, notAvailable, fmtInt } from '../dom.js';

export default {
  title: 'Segments',
  async render() {
    const body = await callIfAvailable('segments');
    if (body === null) return section('Segments', notAvailable('Segments'));
    const segments = Array.isArray(body) ? body : body.segments ?? [];
    return section('Segments', table('User segments', [
      { label: 'Segment', value: s => s.name ?? s.segmentId ?? s.id },
      { label: 'Users', num: true, value: s => fmtInt(s.size ?? s.users) },
      { label: 'Description', value: s => s.description ?? '' },
      { label: 'Top items', value: s => (s.topItems ?? []).slice(0, 8).map(t => (typeof t === 'string' ? t : t.itemId)).join(', ') },
    ], segments, { empty: 'No segments in the serving model.' }),
    h('p', { class: 'hint' }, `${segments.length} segment(s).`));
  },
};
