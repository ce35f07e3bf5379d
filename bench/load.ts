import autocannon from 'autocannon';

export type LoadResult = {
  connections: number;
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  /** answers that were not 2xx, and connection errors or timeouts */
  failed: number;
  /** the answers by status code, e.g. "200: 9,512" */
  statuses: string;
};

export interface LoadRequest {
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** autocannon against `url`, sending (POST unless said otherwise) what `next()` hands out, for `seconds` with `connections` in parallel. */
export const load = async (
  url: string,
  connections: number,
  seconds: number,
  next: () => LoadRequest,
  method: 'GET' | 'POST' = 'POST',
): Promise<LoadResult> => {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method,
        setupRequest: (request) => {
          const { path, headers, body } = next();
          return { ...request, path, headers: { ...request.headers, 'content-type': 'application/json', ...headers }, body };
        },
      },
    ],
  });
  return {
    connections,
    'req/s': result.requests.average,
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    statuses: Object.entries((result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats ?? {})
      .map(([code, { count }]) => `${code}: ${count.toLocaleString('en-US')}`)
      .join(', '),
  };
};
