import type { Test } from 'supertest';
import type { Regie } from './initiative-fixtures';

export interface LogLine {
  position: number;
  stream: string;
  revision: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recordedAt: string;
}

/** Buffers an NDJSON answer as text (superagent leaves unknown types unread). */
export const ndjson = (req: Test) =>
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
export async function readLog(regie: Regie, options: { after?: number; limit?: number; token?: string } = {}): Promise<{ position: number; lines: LogLine[] }> {
  const query = `after=${options.after ?? 0}${options.limit === undefined ? '' : `&limit=${options.limit}`}`;
  const res = await ndjson(regie.send('get', `/api/events?${query}`, { token: options.token ?? (await regie.admin()) }));
  if (res.status !== 200) throw new Error(`GET /api/events answered ${res.status}: ${String(res.body)}`);
  const text = String(res.body);
  return {
    position: Number(res.headers['regie-position']),
    lines: text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LogLine),
  };
}

/** The last global position in the log (the export's Regie-Position; one line is enough to learn it). */
export const logPosition = async (regie: Regie): Promise<number> => (await readLog(regie, { limit: 1 })).position;
