import { createStore } from './store';

/**
 * The signed-in user: the bearer token and what its claims say. The token lives in session
 * storage (gone when the tab closes) and is sent only in the Authorization header.
 */
export interface Session {
  token: string;
  sub: string;
  roles: string[];
  partner: string | null;
  /** seconds since the epoch, when the token has an expiry */
  exp: number | null;
}

const KEY = 'regie.token';

const decode = (token: string): Session | null => {
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const claims = JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
    if (typeof claims.sub !== 'string') return null;
    return {
      token,
      sub: claims.sub,
      roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [],
      partner: typeof claims.partner === 'string' ? claims.partner : null,
      exp: typeof claims.exp === 'number' ? claims.exp : null,
    };
  } catch {
    return null;
  }
};

export const session = createStore<Session | null>(decode(sessionStorage.getItem(KEY) ?? ''));
/** set when the API answered 401 to a token that was accepted before */
export const sessionExpired = createStore(false);

/** Takes a token; null when it is no JWT with a subject (the API judges the rest). */
export const signIn = (token: string): Session | null => {
  const decoded = decode(token.trim());
  if (!decoded) return null;
  sessionStorage.setItem(KEY, decoded.token);
  session.set(decoded);
  sessionExpired.set(false);
  return decoded;
};

export const signOut = (): void => {
  sessionStorage.removeItem(KEY);
  session.set(null);
  sessionExpired.set(false);
};

export const hasRole = (s: Session | null, ...roles: string[]): boolean => !!s && (s.roles.includes('admin') || roles.some((r) => s.roles.includes(r)));
