import type { Socket } from 'node:net';
import { problemType, titleFor } from './problem';

const answers: Record<string, { status: number; detail: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, detail: 'the request headers are larger than 16 KiB together; a token or cookie that large is not one this API issues' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, detail: 'the request did not arrive in time' },
};

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers over 16 KiB, a
 * request that never finishes, bytes that are no HTTP) and Fastify's default answer to those is
 * plain JSON. This one writes a problem document on the raw socket, like every other answer.
 */
export const answerClientError = (error: Error & { code?: string }, socket: Socket): void => {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = answers[error.code ?? ''] ?? { status: 400, detail: 'the request is not valid HTTP/1.1' };
  const body = JSON.stringify({
    type: problemType(status === 400 ? 'bad-request' : status === 431 ? 'headers-too-large' : 'request-timeout'),
    title: titleFor(status),
    status,
    detail,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${titleFor(status)}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
};
