import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Where the built web app lies: `apps/web/dist` of this checkout, found by walking up from here,
 * since this file runs both from `apps/api/src` (ts-node, tests) and from `dist/apps/api/src`.
 */
export const webAppDist = (): string | null => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps', 'web'))) return null;
  }
  return null;
};

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Regie</title>
<main><h1>Regie</h1><p>The web app has not been built in this checkout. <code>npm start</code> builds it;
or run <code>npm run build:web</code>. The API is at <a href="/docs">/docs</a>.</p></main></html>`;

/**
 * index.html: every page of the app is this one document. Read on each request (half a kilobyte)
 * so that a rebuild while the API runs is served at once, with its new asset names.
 */
export const webAppIndex = (): string => {
  const dist = webAppDist();
  if (!dist) return NOT_BUILT;
  try {
    return readFileSync(join(dist, 'index.html'), 'utf8');
  } catch {
    return NOT_BUILT;
  }
};
