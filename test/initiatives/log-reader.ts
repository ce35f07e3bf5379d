import type { Test } from 'supertest';
import type { Regie } from '../support/initiative-fixtures';

export interface LogLine {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: Record<string, any>;
  metadata: Record<string, any>;
  recordedAt: string;
}

/** Buffers an NDJSON answer as text (superagent leaves unknown types unread). */
const ndjson = (req: Test) =>
  req.buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });

/**
 * The global event log after `after`, read as an admin through GET /api/events: what the store
 * holds, not what a projection has caught up with, so "nothing was appended" is a fact.
 */
export async function readLog(regie: Regie, after = 0, limit?: number): Promise<{ position: number; lines: LogLine[] }> {
  const query = `after=${after}${limit === undefined ? '' : `&limit=${limit}`}`;
  const res = await ndjson(regie.send('get', `/api/events?${query}`, { token: await regie.admin() }));
  if (res.status !== 200) throw new Error(`GET /api/events answered ${res.status}: ${String(res.body)}`);
  const text = String(res.body);
  return {
    position: Number(res.headers['regie-position']),
    lines: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as LogLine),
  };
}

/** The last global position in the log (the export's Regie-Position; one line is enough to learn it). */
export const logPosition = async (regie: Regie): Promise<number> => (await readLog(regie, 0, 1)).position;
