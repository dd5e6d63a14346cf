// Calls to the Tailor API beside the console, with the keys the operator entered (session storage only).

const FUNCTION_KEY = 'tailor.functionKey';
const ADMIN_KEY = 'tailor.adminKey';

/** The API root: the console lives at <root>/console/, the API at <root>/. */
export const apiRoot = new URL('..', new URL('.', location.href.replace(/#.*$/, '').replace(/\/console(\/.*)?$/, '/console/')));

export const keys = {
  get function() { return sessionStorage.getItem(FUNCTION_KEY) ?? ''; },
  get admin() { return sessionStorage.getItem(ADMIN_KEY) ?? ''; },
  save(functionKey, adminKey) {
    sessionStorage.setItem(FUNCTION_KEY, functionKey);
    if (adminKey) sessionStorage.setItem(ADMIN_KEY, adminKey); else sessionStorage.removeItem(ADMIN_KEY);
  },
  clear() {
    sessionStorage.removeItem(FUNCTION_KEY);
    sessionStorage.removeItem(ADMIN_KEY);
  },
};

/** An API answer that was not 2xx, with the problem details' fields when the API sent them. */
export class ApiError extends Error {
  constructor(status, problem, path) {
    super(ApiError.describe(status, problem, path));
    this.status = status;
    this.problem = problem;
    this.path = path;
  }

  static describe(status, problem, path) {
    if (status === 0) return `The API could not be reached (${path}).`;
    if (status === 401) {
      return 'The key was refused (401 Unauthorized): check the function key'
        + (problem?.detail?.includes('admin key') ? ', and enter the admin key for this action' : '') + '.';
    }
    if (status === 403) return 'This key may not do that (403 Forbidden).';
    const detail = problem?.detail ?? problem?.title ?? '';
    return `${status} from ${path}${detail ? `: ${detail}` : ''}`;
  }

  get notAvailable() { return this.status === 404 && !this.problem; }
}

/**
 * Calls `path` (relative to the API root). `admin: true` sends the admin key instead of the function key.
 * Returns the parsed JSON body; throws ApiError otherwise.
 */
export async function call(path, { method = 'GET', admin = false, body } = {}) {
  const key = admin ? keys.admin : keys.function;
  const headers = { Accept: 'application/json' };
  if (key) headers['x-functions-key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(new URL(path, apiRoot), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, null, path);
  }
  const type = response.headers.get('content-type') ?? '';
  const json = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, json && json.type ? json : null, path);
  return json;
}

/** Like `call`, but answers null when the route does not exist here (404 without problem details, or a
 *  404 naming no parameter), so pages can say "not available yet". */
export async function callIfAvailable(path, options) {
  try {
    return await call(path, options);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && !e.problem?.parameter) return null;
    throw e;
  }
}

export const enc = encodeURIComponent;
