import { get, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** GET with a fresh connection that closes after the answer (no keep-alive socket outlives the test). */
export const streamGet = (url: string, headers: Record<string, string>): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    get(url, { headers: { ...headers, connection: 'close' }, agent: false }, resolve).on('error', reject);
  });

/** Reads an NDJSON answer as it arrives, line by line; `pauseMs` after the first chunk plays a slow client. */
export const readLines = async (response: IncomingMessage, onLine: (line: string) => void, pauseMs = 0): Promise<void> => {
  response.setEncoding('utf8');
  let rest = '';
  let first = true;
  for await (const chunk of response as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    parts.forEach(onLine);
    if (first && pauseMs) await sleep(pauseMs);
    first = false;
  }
  if (rest) onLine(rest);
};
