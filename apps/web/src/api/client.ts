import { session, sessionExpired } from '../session';
import { ownWrites, readsTheLog } from './own-writes';
import { ApiProblem, Offline, type Problem } from './problem';

/**
 * The only way the app reaches data: the public HTTP API with the user's own bearer token, so it
 * shows exactly what the API lets this user see.
 */
const request = async <T>(method: string, path: string, body?: { json?: unknown; csv?: string }): Promise<T> => (await exchange<T>(method, path, body)).data;

/** The answer's data and, for a paged list, the path of its next page (the Link header's rel="next"). */
const exchange = async <T>(method: string, path: string, body?: { json?: unknown; csv?: string }): Promise<{ data: T; next: string | null }> => {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  const token = session.get()?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (body?.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body?.csv !== undefined) {
    headers['Content-Type'] = 'text/csv';
    payload = body.csv;
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
  } catch {
    throw new Offline('no answer from the server');
  }
  const text = await response.text();
  const parsed = text ? safeJson(text) : null;
  if (!response.ok) {
    const problem: Problem = isProblem(parsed)
      ? parsed
      : { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status, detail: text.slice(0, 300) };
    if (response.status === 401 && token) sessionExpired.set(true);
    throw new ApiProblem(problem);
  }
  const link = /<([^>]+)>;\s*rel="next"/.exec(response.headers.get('Link') ?? '');
  return { data: parsed as T, next: link ? link[1] : null };
};

/** Every page of a paged list, in order. */
const allPages = async <T>(path: string): Promise<T[]> => {
  const items: T[] = [];
  for (let next: string | null = path; next !== null;) {
    const page: { data: T[]; next: string | null } = await exchange<T[]>('GET', next);
    items.push(...page.data);
    next = page.next;
  }
  return items;
};

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && typeof (value as Problem).status === 'number' && typeof (value as Problem).title === 'string';

const withQuery = (path: string, query: Record<string, string | number | undefined | null> = {}): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
};

type Query = Record<string, string | number | undefined | null>;

/** The query with `minPosition` raised to what this tab wrote, for a read of what the log feeds. */
const afterOwnWrites = (path: string, query: Query = {}): Query => {
  const written = readsTheLog(path) ? ownWrites.position() : 0;
  const asked = typeof query.minPosition === 'number' ? query.minPosition : 0;
  return { ...query, minPosition: Math.max(written, asked) || undefined };
};

const written = async <T>(answer: Promise<T>): Promise<T> => {
  const data = await answer;
  ownWrites.remember(data);
  return data;
};

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, afterOwnWrites(path, query))),
  /** a paged list (GET /api/initiatives), all of it: the portfolio screen filters and counts what it shows */
  getAll: <T>(path: string, query?: Query) => allPages<T>(withQuery(path, afterOwnWrites(path, query))),
  post: <T>(path: string, json: unknown) => written(request<T>('POST', path, { json })),
  postCsv: <T>(path: string, csv: string) => written(request<T>('POST', path, { csv })),
};
