import { Agent, request } from 'node:http';

export interface SequentialRequest {
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SequentialResult {
  requests: number;
  'p50 ms': number;
  'p99 ms': number;
  /** the answers by status code */
  statuses: Record<string, number>;
}

/** For how long: a number of seconds, or a number of requests. */
export type SequentialLength = { seconds: number } | { requests: number };

/** One server's side of a sequential run: where to send, and what. */
export interface SequentialTarget {
  url: string;
  next: () => SequentialRequest;
}

const sender = (url: string, method: 'GET' | 'POST') => {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = ({ path, headers, body }: SequentialRequest) =>
    new Promise<number>((resolve, reject) => {
      const sent = request(
        {
          hostname,
          port,
          path,
          method,
          agent,
          headers: { ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }), ...headers },
        },
        (res) => {
          res.on('error', reject);
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.resume();
        },
      );
      sent.on('error', reject);
      sent.end(body);
    });
  return { send, close: () => agent.destroy() };
};

const resultOf = (times: number[], statuses: Record<string, number>): SequentialResult => {
  times.sort((a, b) => a - b);
  const quantile = (q: number) => Number(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(2));
  return { requests: times.length, 'p50 ms': quantile(0.5), 'p99 ms': quantile(0.99), statuses };
};

/**
 * One keep-alive connection per target, one request at a time over all of them, the targets taking
 * turns, for as long as `length` says (per target, for a number of requests); each timed to the
 * microsecond. Taking turns request by request puts every target through the same moments of the
 * machine: a stretch of disk or scheduler trouble lands on each alike, where two runs one after
 * the other would each meet their own.
 * autocannon's histogram keeps whole milliseconds: for latencies of 5 ms that is a fifth of the
 * value, coarser than the 1.2 × a target compares against.
 */
export const sequentialTurns = async (targets: SequentialTarget[], length: SequentialLength, method: 'GET' | 'POST'): Promise<SequentialResult[]> => {
  const senders = targets.map((t) => sender(t.url, method));
  const times = targets.map((): number[] => []);
  const statuses = targets.map((): Record<string, number> => ({}));
  try {
    const until = 'seconds' in length ? performance.now() + length.seconds * 1000 : Infinity;
    const most = 'requests' in length ? length.requests : Infinity;
    while (performance.now() < until && times[targets.length - 1].length < most) {
      for (const [k, target] of targets.entries()) {
        const what = target.next();
        const began = performance.now();
        const status = await senders[k].send(what);
        times[k].push(performance.now() - began);
        statuses[k][status] = (statuses[k][status] ?? 0) + 1;
      }
    }
  } finally {
    for (const s of senders) s.close();
  }
  return targets.map((_, k) => resultOf(times[k], statuses[k]));
};
