import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem';

interface ClientErrorAnswer {
  status: number;
  title: string;
  code: string;
  detail: string;
}

const HEADERS_TOO_LARGE: ClientErrorAnswer = {
  status: 431,
  title: 'Request Header Fields Too Large',
  code: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  detail: "The request's headers are larger than the server accepts (16 KB).",
};
const TIMED_OUT: ClientErrorAnswer = {
  status: 408,
  title: 'Request Timeout',
  code: 'REQUEST_TIMEOUT',
  detail: 'The request took too long to arrive.',
};
const MALFORMED: ClientErrorAnswer = {
  status: 400,
  title: 'Bad Request',
  code: 'BAD_REQUEST',
  detail: 'The request is not valid HTTP (e.g. a malformed header).',
};

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it (a malformed header, headers
 * over Node's 16 KB limit, a request that timed out) as problem+json, like every other error;
 * Fastify's default answers plain JSON. There is no request yet, hence no request id.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? HEADERS_TOO_LARGE
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? TIMED_OUT
        : MALFORMED;
  const { status, title, code, detail } = answer;
  const body = JSON.stringify({ type: problemType(code), title, status, code, detail });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
