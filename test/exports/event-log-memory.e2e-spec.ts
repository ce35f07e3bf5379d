import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { embeddedSecret, signToken, type Actor } from '../../libs/auth/src';
import { SqliteEventStore, sqliteFile } from '../../libs/event-store/src';
import { ChildScript } from '../support/child-process';
import { tempDir } from '../support/temp-dir';
import { generateLog, type GeneratedLog } from './support/generate-log';
import { readLines, streamGet } from './support/stream-get';

const ROOT = join(__dirname, '..', '..');
const EVENTS = 100_000;
/**
 * The API child's old-space limit. Settled after its projections' catch-up of this log (waited for
 * below, so the export is measured alone) it holds about 75 MB; the 100,000 events held as one
 * array take about 100 MB more (measured below, and asserted to stay above this limit), so an export
 * that collected the log before sending it dies of "heap out of memory". At 80 MB a settled API
 * had too little room left for any export; the test passed only while the catch-up was still
 * running, which faster catch-ups ended.
 */
const HEAP_LIMIT_MB = 96;

type HeapReport = { peak: number; used: number; limit: number };

describe('GET /api/events streams a 100,000-event log in bounded memory', () => {
  const dir = tempDir('regie-export-heap-');
  let log: GeneratedLog;
  let arrayBytes: number;
  let api: ChildScript;
  let base: string;

  const token = (actor: Actor) => signToken(actor, embeddedSecret(dir.path));
  const heap = async (): Promise<HeapReport> => {
    api.lines.length = 0;
    api.send('report');
    const line = await api.waitFor((l) => l.startsWith('heap '));
    const [, peak, used, limit] = line.match(/peak=(\d+) used=(\d+) limit=(\d+)/)!.map(Number);
    return { peak, used, limit };
  };

  beforeAll(async () => {
    log = await generateLog(dir.path, EVENTS);
    const measured = spawnSync(process.execPath, ['--expose-gc', '-r', 'ts-node/register/transpile-only', join(__dirname, 'support/measure-log-heap.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir.path, TS_NODE_TRANSPILE_ONLY: 'true' },
      encoding: 'utf8',
    });
    if (measured.status !== 0) throw new Error(`measuring the log failed: ${measured.stderr}`);
    arrayBytes = (JSON.parse(measured.stdout) as { arrayBytes: number }).arrayBytes;

    api = new ChildScript('test/exports/support/heap-sampled-api.ts', {
      DATA_DIR: dir.path,
      PORT: '0',
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '0',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_LIMIT_MB}`.trim(),
    });
    const started = await api.waitFor((l) => /^Regie API on http:\/\/localhost:\d+/.test(l), 60_000);
    base = `http://127.0.0.1:${started.match(/localhost:(\d+)/)![1]}`;
    // The export's heap is what is measured: the projections' catch-up of the same 100,000 events,
    // which holds their documents until it reaches the head, is let finish first.
    const admin = { authorization: `Bearer ${await token({ sub: 'root', roles: ['admin'] })}` };
    for (const deadline = Date.now() + 90_000; ;) {
      const status = (await (await fetch(`${base}/api/projections`, { headers: admin })).json()) as Array<{ state: string; lag: number }>;
      if (status.every((p) => p.state === 'live' && p.lag === 0)) break;
      if (Date.now() > deadline) throw new Error(`the projections did not catch up: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 180_000);

  afterAll(async () => {
    if (api && api.process.exitCode === null) {
      api.process.kill('SIGTERM');
      await api.exited();
    }
    dir.remove();
  });

  it('holding the log would not fit the heap the API runs with', () => {
    expect(log.count).toBe(EVENTS);
    expect(arrayBytes).toBeGreaterThan(HEAP_LIMIT_MB * 2 ** 20);
  });

  it('an admin gets all 100,000 lines in order while the heap stays far below the log, even behind a slow client', async () => {
    const before = await heap();
    api.send('reset');
    const started = Date.now();
    const response = await streamGet(`${base}/api/events`, { authorization: `Bearer ${await token({ sub: 'root', roles: ['admin'] })}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['regie-position']).toBe(String(EVENTS));
    let count = 0;
    let inOrder = true;
    await readLines(
      response,
      (line) => {
        count++;
        if ((JSON.parse(line) as { position: number }).position !== count) inOrder = false;
      },
      1500,
    );
    const seconds = (Date.now() - started) / 1000;
    const after = await heap();

    expect(count).toBe(EVENTS);
    expect(inOrder).toBe(true);
    expect(api.process.exitCode).toBeNull();
    expect(after.peak).toBeLessThan(after.limit);
    expect(after.peak - before.used).toBeLessThan(arrayBytes / 2);
    process.stdout.write(
      `[export heap] log as array ${(arrayBytes / 2 ** 20).toFixed(0)} MiB; API --max-old-space-size=${HEAP_LIMIT_MB}, ` +
        `heap before ${(before.used / 2 ** 20).toFixed(0)} MiB, peak during export ${(after.peak / 2 ** 20).toFixed(0)} MiB; ` +
        `${EVENTS} lines in ${seconds.toFixed(1)} s incl. a 1.5 s client pause\n`,
    );
  }, 120_000);

  it("an analyst's export (a visibility pass, then the log) stays within the same heap", async () => {
    const partner = log.partners[1];
    // What it should get, worked out independently: the registry, and the streams its partner joined (none leaves in this log).
    const source = SqliteEventStore.open(sqliteFile(dir.path));
    const visible = new Set<string>();
    const streams: string[] = [];
    try {
      for (let after = 0; ;) {
        const page = await source.readAll(after, 5000);
        if (!page.length) break;
        for (const e of page) {
          streams.push(e.stream);
          if (e.type === 'PartnerJoined' && e.data.partnerId === partner) visible.add(e.stream);
        }
        after = page[page.length - 1].position;
      }
    } finally {
      await source.close();
    }
    const expected = streams.filter((s) => s.startsWith('partner-') || visible.has(s)).length;
    api.send('reset');
    const response = await streamGet(`${base}/api/events`, { authorization: `Bearer ${await token({ sub: 'ann', roles: ['analyst'], partner })}` });
    expect(response.statusCode).toBe(200);
    let count = 0;
    await readLines(response, () => count++);
    expect(visible.size).toBeGreaterThan(50);
    expect(count).toBe(expected);
    expect(api.process.exitCode).toBeNull();
    const after = await heap();
    expect(after.peak).toBeLessThan(after.limit);
  }, 120_000);
});
