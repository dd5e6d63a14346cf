// The console's shell: keys form, hash routing (#/overview, #/uploads, ...), and page rendering.
import { keys, ApiError } from './api.js';
import { h, message } from './dom.js';
import overview from './pages/overview.js';
import uploads from './pages/uploads.js';
import models from './pages/models.js';
import segments from './pages/segments.js';
import explore from './pages/explore.js';
import online from './pages/online.js';

const pages = { overview, uploads, models, segments, explore, online };
const main = document.getElementById('main');
const status = document.getElementById('status');
const form = document.getElementById('keys');
let rendering = 0;

function currentRoute() {
  const [, name = 'overview', ...rest] = location.hash.replace(/^#/, '').split('/');
  return { name: pages[name] ? name : 'overview', args: rest.map(decodeURIComponent) };
}

/** Shows a short message in the live region (read out by screen readers). */
export function announce(text) {
  status.textContent = text;
}

async function render() {
  const { name, args } = currentRoute();
  const page = pages[name];
  for (const link of document.querySelectorAll('#nav a')) {
    if (link.dataset.page === name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  document.title = `${page.title} · Tailor console`;
  const run = ++rendering;
  const heading = h('h1', {}, page.title);
  if (!keys.function) {
    main.replaceChildren(heading, message('Enter the function key above (and the admin key for promotions and quarantine samples) to load data.', 'info'));
    return;
  }
  const body = h('div', { class: 'page', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading…'));
  main.replaceChildren(heading, body);
  try {
    const content = await page.render(args, { announce, rerender: render });
    if (run !== rendering) return;
    body.replaceChildren(...[content].flat());
  } catch (e) {
    if (run !== rendering) return;
    body.replaceChildren(message(e instanceof ApiError ? e.message : `Something went wrong: ${e.message}`, 'error'));
    if (!(e instanceof ApiError)) console.error(e);
  } finally {
    body.removeAttribute('aria-busy');
  }
}

form.functionKey.value = keys.function;
form.adminKey.value = keys.admin;
form.addEventListener('submit', event => {
  event.preventDefault();
  keys.save(form.functionKey.value.trim(), form.adminKey.value.trim());
  announce('Keys saved for this tab.');
  render();
});
document.getElementById('forget-keys').addEventListener('click', () => {
  keys.clear();
  form.reset();
  announce('Keys forgotten.');
  render();
});
window.addEventListener('hashchange', () => { render(); main.focus({ preventScroll: true }); });
render();
