// A request Node's HTTP parser cannot read (raw UTF-8 in the address, as `curl "…?q=Testström"`
// sends it, or a malformed header) never reaches Fastify's routes or error handler; left to the
// default it is answered `{"error":"Bad Request","message":"Client Error"}`, without the `code`
// every other refusal carries. This answers it as the API answers bad input.
import type { Socket } from 'node:net';

const tooLarge = new Set(['HPE_HEADER_OVERFLOW']);

export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A connection the client closed, or one already answered, gets nothing more.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const isTooLarge = tooLarge.has(error.code ?? '');
  const body = JSON.stringify(
    isTooLarge
      ? { code: 'bad_request', message: 'The request’s headers are too large.' }
      : {
          code: 'bad_request',
          message:
            'The request could not be read: characters outside ASCII in the address must be percent-encoded (e.g. ö as %C3%B6), and headers must be well formed.',
        },
  );
  const status = isTooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
