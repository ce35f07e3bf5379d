import { session, sessionExpired } from '../session';
import { ApiProblem, Offline, type Problem } from './problem';

/**
 * The only way the app reaches data: the public HTTP API with the user's own bearer token, so it
 * shows exactly what the API lets this user see.
 */
const request = async <T>(method: string, path: string, body?: { json?: unknown; csv?: string }): Promise<T> => {
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
  return parsed as T;
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

export const api = {
  get: <T>(path: string, query?: Record<string, string | number | undefined | null>) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, json: unknown) => request<T>('POST', path, { json }),
  postCsv: <T>(path: string, csv: string) => request<T>('POST', path, { csv }),
};
