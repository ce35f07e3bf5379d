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

/**
 * One keep-alive connection, one request at a time for as long as `length` says, each timed to the microsecond.
 * autocannon's histogram keeps whole milliseconds: for latencies of 5 ms that is a fifth of the
 * value, coarser than the 1.2 × a target compares against.
 */
export const sequential = async (url: string, length: SequentialLength, method: 'GET' | 'POST', next: () => SequentialRequest): Promise<SequentialResult> => {
  const { hostname, port } = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const statuses: Record<string, number> = {};
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
  try {
    const until = 'seconds' in length ? performance.now() + length.seconds * 1000 : Infinity;
    const most = 'requests' in length ? length.requests : Infinity;
    while (performance.now() < until && times.length < most) {
      const what = next();
      const began = performance.now();
      const status = await send(what);
      times.push(performance.now() - began);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  } finally {
    agent.destroy();
  }
  times.sort((a, b) => a - b);
  const quantile = (q: number) => Number(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(2));
  return { requests: times.length, 'p50 ms': quantile(0.5), 'p99 ms': quantile(0.99), statuses };
};
