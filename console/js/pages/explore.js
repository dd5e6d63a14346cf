// Explore: a user's profile and recommendations (strategy, explanations), an item's similar items, with
// category, exclude and diversity applied live.
import { call, enc, ApiError } from '../api.js';
import { h, section, table, facts, message, fmtInt, fmt3, fmtTime, badge } from '../dom.js';

export default {
  title: 'Explore',
  async render(args) {
    const [kind = 'user', id = ''] = args;
    const state = { kind: kind === 'item' ? 'item' : 'user', id };
    const results = h('div', { id: 'explore-results', 'aria-live': 'polite' });

    const idInput = h('input', { id: 'explore-id', type: 'text', value: id, required: true, spellcheck: 'false', placeholder: 'e.g. u1' });
    const kindSelect = h('select', { id: 'explore-kind' },
      h('option', { value: 'user', selected: state.kind === 'user' }, 'User → profile and recommendations'),
      h('option', { value: 'item', selected: state.kind === 'item' }, 'Item → similar items'));
    const count = h('input', { id: 'explore-count', type: 'number', min: '1', max: '100', value: '10' });
    const category = h('input', { id: 'explore-category', type: 'text', placeholder: 'Drama, Comedy' });
    const exclude = h('input', { id: 'explore-exclude', type: 'text', placeholder: 'i1, i2' });
    const diversity = h('input', { id: 'explore-diversity', type: 'range', min: '0', max: '1', step: '0.05', value: '0' });
    const diversityValue = h('output', { for: 'explore-diversity', id: 'explore-diversity-value' }, '0.00');

    const form = h('form', { class: 'explore-form', role: 'search', 'aria-label': 'Explore a user or an item' },
      h('div', { class: 'field' }, h('label', { for: 'explore-kind' }, 'Look up'), kindSelect),
      h('div', { class: 'field' }, h('label', { for: 'explore-id' }, 'Id'), idInput),
      h('div', { class: 'field' }, h('label', { for: 'explore-count' }, 'Count'), count),
      h('div', { class: 'field' }, h('label', { for: 'explore-category' }, 'Only categories'), category),
      h('div', { class: 'field' }, h('label', { for: 'explore-exclude' }, 'Exclude items'), exclude),
      h('div', { class: 'field' }, h('label', { for: 'explore-diversity' }, 'Diversity'), h('div', { class: 'range' }, diversity, diversityValue)),
      h('button', { type: 'submit' }, 'Show'));

    let timer;
    let run = 0;
    const refresh = async () => {
      const value = idInput.value.trim();
      if (!value) return;
      const mine = ++run;
      const query = new URLSearchParams({ count: count.value || '10', explain: 'true' });
      for (const c of category.value.split(',').map(s => s.trim()).filter(Boolean)) query.append('category', c);
      const excluded = exclude.value.split(',').map(s => s.trim()).filter(Boolean);
      if (excluded.length) query.set('exclude', excluded.join(','));
      if (Number(diversity.value) > 0) query.set('diversity', diversity.value);
      const content = kindSelect.value === 'item' ? await similar(value, query) : await user(value, query);
      if (mine === run) results.replaceChildren(...content);
    };
    const later = () => { clearTimeout(timer); timer = setTimeout(refresh, 250); };
    form.addEventListener('submit', event => {
      event.preventDefault();
      history.replaceState(null, '', `#/explore/${kindSelect.value}/${enc(idInput.value.trim())}`);
      refresh();
    });
    diversity.addEventListener('input', () => { diversityValue.textContent = Number(diversity.value).toFixed(2); later(); });
    for (const input of [count, category, exclude]) input.addEventListener('input', later);
    kindSelect.addEventListener('change', later);
    if (id) queueMicrotask(refresh);
    else results.append(message('Type a user id (or choose "Item" and type an item id), then Show.', 'muted'));
    return [section('Look up', form), results];
  },
};

async function user(userId, query) {
  const [profile, recommendations] = await Promise.all([
    call(`users/${enc(userId)}/profile`).catch(e => e),
    call(`recommendations/${enc(userId)}?${query}`).catch(e => e),
  ]);
  return [
    profile instanceof ApiError
      ? section('Profile', message(profile.status === 404 ? `No profile for ${userId}: an unknown user (served by popularity).` : profile.message, profile.status === 404 ? 'muted' : 'error'))
      : section('Profile', facts([
        ['User', h('code', {}, profile.userId)],
        ['Interactions', fmtInt(profile.interactions)],
        ['Distinct items', fmtInt(profile.distinctItems)],
        ['First seen', fmtTime(profile.firstSeen)],
        ['Last seen', fmtTime(profile.lastSeen)],
        ['Favourite items', profile.topItems.map(t => `${t.itemId} (${fmt3(t.weight)})`).join(', ') || '—'],
      ])),
    list('Recommendations', recommendations),
  ];
}

async function similar(itemId, query) {
  return [list(`Items similar to ${itemId}`, await call(`items/${enc(itemId)}/similar?${query}`).catch(e => e))];
}

function list(title, result) {
  if (result instanceof ApiError) return section(title, message(result.message, 'error'));
  return section(title,
    h('p', {}, 'Strategy ', h('span', { 'data-testid': 'strategy' }, badge(result.strategy)), ' · model ', h('code', {}, result.modelVersion),
      result.recommendationId ? [' · id ', h('code', {}, result.recommendationId)] : null,
      result.variant ? [' · variant ', h('code', {}, result.variant)] : null),
    table(title, [
      { label: '#', num: true, value: item => String(result.items.indexOf(item) + 1) },
      { label: 'Item', value: item => h('code', { class: 'item-id' }, item.itemId) },
      { label: 'Score', num: true, value: item => fmt3(item.score) },
      { label: 'Because', value: item => (item.because?.length
        ? item.because.map(b => `${b.itemId} (${Math.round(100 * b.share)} %)`).join(', ')
        : item.reason ?? '') },
    ], result.items, { empty: 'No items match (try fewer filters).' }));
}
