import request from 'supertest';
import { createApp, type EnvironmentOverrides } from '../../../apps/api/src/app.factory';
import type { Clock } from '../../../apps/api/src/write/clock';
import { embeddedSecret, signToken } from '../../../libs/auth/src';
import { e2eStores } from '../../support/e2e-store';
import { bodyOf, expectStatus, type Regie } from '../../support/initiative-fixtures';
import { tempDir } from '../../support/temp-dir';
import type { TestApp } from '../../support/test-app';

/**
 * startTestApp with the app's clock handed in (test/support/test-app.ts takes none): the same
 * temporary data directory, the same store switch (REGIE_E2E_STORE=postgres runs it on PostgreSQL).
 */
export const startClockedApp = async (clock: Clock, overrides: EnvironmentOverrides = {}): Promise<TestApp> => {
  const dir = tempDir('regie-history-');
  const dataDir = String(overrides.DATA_DIR ?? dir.path);
  const stores = await e2eStores(overrides);
  let app: Awaited<ReturnType<typeof createApp>>;
  try {
    app = await createApp({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: 0, LOG_LEVEL: 'silent', ...stores.overrides, ...overrides }, { clock });
  } catch (error) {
    await stores.dispose();
    dir.remove();
    throw error;
  }
  const secret = embeddedSecret(dataDir, overrides.AUTH_SECRET as string | undefined);
  return {
    app,
    dataDir,
    http: () => request(app.getHttpServer()),
    token: (actor, expiresIn) => signToken(actor, secret, expiresIn),
    close: async () => {
      await app.close();
      await stores.dispose();
      dir.remove();
    },
    store: stores.kind,
    databaseUrl: stores.databaseUrl,
  };
};

export interface ProjectionState {
  name: string;
  state: string;
  checkpoint: number;
  lastPosition: number;
  lag: number;
}

export const projectionStates = async (regie: Regie): Promise<ProjectionState[]> =>
  bodyOf<ProjectionState[]>(await expectStatus(regie.send('get', '/api/projections', { token: await regie.admin() }), 200));

/**
 * Waits until every projection and the KPI saga have seen the whole log, the saga's own
 * commands included (it dispatches before it commits its checkpoint, so a lag of 0 everywhere in
 * one answer means nothing is under way). Answers the store's last position.
 */
export async function settle(regie: Regie, timeoutMs = 20_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const states = await projectionStates(regie);
    if (states.every((s) => s.lag === 0 && s.state === 'live')) return states[0]?.lastPosition ?? 0;
    if (Date.now() > end) throw new Error(`the projections did not settle: ${JSON.stringify(states)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A small deterministic PRNG (mulberry32), so that a failing run can be repeated. */
export const seeded = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF), enough to read back what kpis.csv writes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
