import { connect } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';

/** What the raw socket receives for one request, written as bytes. */
const raw = (port: number, request: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });

describe("what Node's HTTP parser refuses before any route runs is a problem document too", () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('headers over 16 KiB: 431 application/problem+json saying so', async () => {
    const answer = await raw(port, `GET /api/initiatives HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(head).toMatch(/content-type: application\/problem\+json/i);
    const problem = JSON.parse(body) as { status: number; detail: string };
    expect(problem.status).toBe(431);
    expect(problem.detail).toContain('16 KiB');
  });

  it('bytes that are no HTTP: 400 application/problem+json', async () => {
    const answer = await raw(port, 'HELLO THERE\r\n\r\n');
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    const problem = JSON.parse(body) as { status: number; type: string };
    expect(problem.status).toBe(400);
    expect(problem.type).toContain('bad-request');
  });
});
