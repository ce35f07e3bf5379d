import { readdirSync } from 'node:fs';
import http from 'node:http';
import { connect } from 'node:net';
import { embeddedSecret, signToken } from '../libs/auth/src';
import { SqliteEventStore, sqliteFile } from '../libs/event-store/src';
import { ChildScript } from './support/child-process';
import { tempDir } from './support/temp-dir';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A request the server has provably taken in: it is sent with `Expect: 100-continue`, and Node
 * answers 100 in the same tick in which it hands the request to Fastify. The body (if any) goes
 * only when `release` is called.
 */
const heldRequest = (url: URL, method: string, path: string, token: string, body?: object) => {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  let release!: () => void;
  let accepted!: () => void;
  const taken = new Promise<void>((resolve) => (accepted = resolve));
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent: false,
        headers: {
          Authorization: `Bearer ${token}`,
          Expect: '100-continue',
          ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, at: Date.now() }));
      },
    );
    req.on('error', reject);
    req.on('continue', () => accepted());
    release = () => req.end(payload);
    req.flushHeaders();
  });
  return { taken, answer, release: () => release() };
};

describe('graceful shutdown', () => {
  it('SIGTERM: requests already taken in are all answered, later ones get 503 problem+json, the store is closed, exit 0', async () => {
    const dir = tempDir('regie-shutdown-');
    const api = new ChildScript('apps/api/src/main.ts', { DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const line = await api.waitFor((l) => l.startsWith('Regie API on '));
      const url = new URL(line.match(/http:\/\/localhost:\d+/)![0]);
      url.hostname = '127.0.0.1';
      const token = await signToken({ sub: 'admin', roles: ['admin'] }, embeddedSecret(dir.path));

      // Commands whose bodies are still to come.
      const commands = Array.from({ length: 8 }, (_, i) => heldRequest(url, 'POST', '/api/partners', token, { name: `Gemeente ${i}`, kind: 'municipality' }));
      // A pipelined request behind one more command, on one raw connection.
      const raw = connect({ host: '127.0.0.1', port: Number(url.port) });
      let rawText = '';
      raw.setEncoding('utf8');
      raw.on('data', (d: string) => (rawText += d));
      const rawClosed = new Promise<void>((resolve) => raw.on('close', () => resolve()));
      const rawBody = JSON.stringify({ name: 'Gemeente raw', kind: 'municipality' });
      raw.write(
        `POST /api/partners HTTP/1.1\r\nHost: regie\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(rawBody)}\r\nExpect: 100-continue\r\n\r\n`,
      );
      const deadline = Date.now() + 10_000;
      while (!rawText.includes('100 Continue') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(rawText).toContain('100 Continue');
      await Promise.all(commands.map((c) => c.taken));
      // A read waiting for a position far ahead, sent last so that its own 5 s cannot run out while
      // a loaded machine is still setting up the rest.
      const readSent = Date.now();
      const read = heldRequest(url, 'GET', '/api/partners?minPosition=1000000', token);
      read.release();
      await read.taken;

      api.process.kill('SIGTERM');
      await api.waitFor((l) => l.includes('finishing those in flight'), 30_000);
      // The server is closing now; only now do the commands' bodies go out.
      for (const c of commands) c.release();
      raw.write(rawBody + 'GET /health HTTP/1.1\r\nHost: regie\r\n\r\n');

      const answers = await Promise.all(commands.map((c) => c.answer));
      const readAnswer = await read.answer;
      await rawClosed;
      const code = await api.exited();

      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
      expect(readAnswer.status).toBe(200);
      expect(readAnswer.headers['regie-stale']).toBe('true');
      // Shutdown answered the wait: left alone it would have run its full 5 s from when it started.
      expect(readAnswer.at - readSent).toBeLessThan(5000);
      const [first, second] = rawText.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '').split(/(?=HTTP\/1\.1 [2-5]\d\d )/);
      expect(first).toMatch(/^HTTP\/1\.1 201 /);
      expect(second).toMatch(/^HTTP\/1\.1 503 /);
      expect(second).toMatch(/content-type: application\/problem\+json/i);
      expect(second).toContain('"status":503');
      expect(code).toBe(0);

      // A store closed cleanly has checkpointed and removed its write-ahead log.
      expect(readdirSync(dir.path).filter((f) => f.endsWith('-wal'))).toEqual([]);
      const idOf = (json: string) => (JSON.parse(json) as { id: string }).id;
      const ids = [...answers.map((a) => idOf(a.body)), idOf(first.slice(first.indexOf('\r\n\r\n') + 4))];
      const store = SqliteEventStore.open(sqliteFile(dir.path));
      const streams = new Set((await store.listStreams()).map((s) => s.stream));
      await store.close();
      expect(ids.filter((id) => !streams.has(`partner-${id}`))).toEqual([]);
    } finally {
      api.process.kill('SIGKILL');
      dir.remove();
    }
  });
});
