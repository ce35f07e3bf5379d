import { embeddedSecret, signToken } from '../../libs/auth/src';
import { ChildScript } from '../support/child-process';
import { tempDir } from '../support/temp-dir';

// What an operator reads on stdout: a JSON line per request, with the client's correlation id and
// the status it got, and never the bearer token that came with it.

interface RequestLine {
  msg: string;
  correlationId?: string;
  req: { method: string; url: string; headers: Record<string, string> };
  res: { statusCode: number };
}

describe('request logs', () => {
  const dir = tempDir('regie-request-logs-');
  const api = new ChildScript('apps/api/src/main.ts', { DATA_DIR: dir.path, PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: '0' });
  let base = '';
  let token = '';

  beforeAll(async () => {
    const line = await api.waitFor((l) => l.startsWith('Regie API on '));
    base = line.match(/http:\/\/localhost:\d+/)![0].replace('localhost', '127.0.0.1');
    token = await signToken({ sub: 'ops-admin', roles: ['admin'] }, embeddedSecret(dir.path));
  });
  afterAll(async () => {
    api.process.kill('SIGTERM');
    await api.exited();
    dir.remove();
  });

  const lineFor = async (url: string): Promise<RequestLine> => {
    const line = await api.waitFor((l) => l.startsWith('{') && (JSON.parse(l) as Partial<RequestLine>).req?.url === url);
    return JSON.parse(line) as RequestLine;
  };

  it('names the request, its status and the correlation id the client sent; the token is redacted', async () => {
    const res = await fetch(`${base}/api/initiatives?limit=5`, { headers: { authorization: `Bearer ${token}`, 'x-correlation-id': 'intake-2026-0042' } });
    expect(res.status).toBe(200);

    const line = await lineFor('/api/initiatives?limit=5');
    expect(line).toMatchObject({ msg: 'request completed', correlationId: 'intake-2026-0042', req: { method: 'GET' }, res: { statusCode: 200 } });
    expect(line.req.headers.authorization).toBe('[Redacted]');
    expect(api.lines.join('\n')).not.toContain(token);
  });

  it('logs requests refused before any route, without a correlation id when none was sent', async () => {
    const res = await fetch(`${base}/api/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);

    const line = await lineFor('/api/partners');
    expect(line).toMatchObject({ req: { method: 'POST' }, res: { statusCode: 415 } });
    expect(line.correlationId).toBeUndefined();
  });
});
