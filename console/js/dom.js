// Small DOM and formatting helpers shared by the pages.

/** Creates an element: h('td', { class: 'num' }, 'text', child). Strings become text nodes (never HTML). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A titled section of a page. */
export function section(title, ...children) {
  const id = 'sec-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** A table from column definitions [{ label, value: row => ..., num }] and rows; `caption` is read by screen readers. */
export function table(caption, columns, rows, { empty = 'Nothing to show.', rowAttributes } = {}) {
  if (!rows.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', {},
      h('caption', { class: 'sr-only' }, caption),
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', rowAttributes?.(row) ?? {},
        columns.map((c, i) => h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: c.num ? 'num' : null }, c.value(row))))))));
}

/** A definition list from [label, value] pairs. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(p => p).map(([label, value]) => [h('dt', {}, label), h('dd', {}, value ?? '—')]));
}

export const message = (text, kind = 'info') => h('p', { class: `msg ${kind}`, role: kind === 'error' ? 'alert' : null }, text);

export const notAvailable = what => message(`${what} is not available yet on this deployment (the API answered 404).`, 'muted');

const numberFormat = new Intl.NumberFormat('en');
export const fmtInt = n => (n === null || n === undefined ? '—' : numberFormat.format(n));
export const fmt3 = n => (n === null || n === undefined || Number.isNaN(n) ? '—' : Number(n).toFixed(3));
export const fmtPct = n => (n === null || n === undefined ? '—' : `${(100 * n).toFixed(1)} %`);
export const fmtSeconds = s => (s === null || s === undefined ? '—' : s < 1 ? `${Math.round(s * 1000)} ms` : s < 120 ? `${s.toFixed(1)} s` : `${(s / 60).toFixed(1)} min`);
export function fmtTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

/** A status word as a badge: green for good states, red for bad, grey otherwise. */
export function badge(text) {
  const kind = ['processed', 'ok', 'promoted', 'serving', 'yes', 'wins'].includes(text) ? 'good'
    : ['rejected', 'failed', 'no', 'loses'].includes(text) ? 'bad' : 'neutral';
  return h('span', { class: `badge ${kind}` }, text);
}
