import { createStore } from './store';

/**
 * The page URL is the view: path for the page, query for what it shows (`asOf`, `tolerance`,
 * filters), so a view can be shared by copying the address. The token never goes in it.
 */
export interface Location {
  path: string;
  query: URLSearchParams;
}

const read = (): Location => ({ path: window.location.pathname, query: new URLSearchParams(window.location.search) });

export const location = createStore<Location>(read());
window.addEventListener('popstate', () => location.set(read()));

export const navigate = (href: string, options: { replace?: boolean } = {}): void => {
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  location.set(read());
  if (!options.replace) window.scrollTo(0, 0);
};

/** The current path with some query parameters changed (null removes one). */
export const withQuery = (changes: Record<string, string | null>, path = location.get().path): string => {
  const query = new URLSearchParams(location.get().query);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') query.delete(key);
    else query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
};

/** The history parameters that travel from page to page. */
export const keptQuery = (): string => {
  const { query } = location.get();
  const kept = new URLSearchParams();
  for (const key of ['asOf', 'tolerance', 'riskTolerance']) {
    const value = query.get(key);
    if (value) kept.set(key, value);
  }
  const text = kept.toString();
  return text ? `?${text}` : '';
};

/** Same-origin links move within the app instead of reloading it. */
document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = (event.target as Element | null)?.closest?.('a');
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api') || url.pathname.startsWith('/docs')) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
