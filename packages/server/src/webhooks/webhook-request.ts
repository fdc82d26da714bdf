// One POST to a webhook receiver (docs/webhooks.md "Delivery"), by node:http(s) so that the socket
// resolves the host through `createReceiverLookup` (fetch takes no lookup): an address on this
// machine or the server's network is never connected to, whatever DNS answers. Redirects are not
// followed (node:http never does). The outcome is a coarse code a subscriber can act on; the
// network library's own error text is kept for the operator only.
import type { WebhookAttemptOutcome } from '@portvakt/contract';
import { request as requestHttp, type IncomingMessage } from 'node:http';
import { request as requestHttps } from 'node:https';
import { createReceiverLookup, isReceiverHostAllowed, ReceiverAddressRefused } from './webhook-address';

export interface ReceiverAnswer {
  outcome: WebhookAttemptOutcome;
  statusCode: number | null;
  /** The network library's detail for the operator (e.g. `ECONNREFUSED`); null when answered. */
  error: string | null;
}

// Node's codes for a connection nobody took (refused, no route) and for names DNS does not know.
const unreachableCodes = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EADDRNOTAVAIL',
]);
const unknownNameCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_NONAME', 'EAI_FAIL']);

/** The coarse outcome of a request that got no answer. */
export function classifyRequestError(error: unknown): WebhookAttemptOutcome {
  const { name, code } = (error ?? {}) as { name?: string; code?: string };
  if (error instanceof ReceiverAddressRefused) return 'address_not_allowed';
  if (name === 'AbortError' || name === 'TimeoutError') return 'timed_out';
  if (code && unknownNameCodes.has(code)) return 'name_not_found';
  if (code && unreachableCodes.has(code)) return 'could_not_connect';
  // OpenSSL's and Node's TLS codes (ERR_SSL_…, ERR_TLS_CERT_ALTNAME_INVALID, CERT_HAS_EXPIRED, …);
  // EPROTO is a handshake the other end did not speak (https to a plain-http port).
  if (code && (code === 'EPROTO' || /SSL|TLS|CERT/.test(code))) return 'tls_failure';
  return 'connection_failed';
}

function detailOf(error: unknown): string {
  const { name, code, message } = (error ?? {}) as { name?: string; code?: string; message?: string };
  return `${code ?? name ?? 'Error'}: ${message ?? ''}`.slice(0, 500);
}

/**
 * POSTs `body` with `headers` to `url` and answers how it went: the receiver's status, or why
 * there was none. Within `timeoutMs` the receiver must answer with its status line and headers.
 */
export function postToReceiver(
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number; isLoopbackAllowed: boolean },
): Promise<ReceiverAnswer> {
  const target = new URL(url);
  // A literal address is connected to without a lookup, so it is checked here.
  if (!isReceiverHostAllowed(target.hostname, request.isLoopbackAllowed))
    return Promise.resolve({
      outcome: 'address_not_allowed',
      statusCode: null,
      error: new ReceiverAddressRefused(target.hostname).message,
    });
  const send = target.protocol === 'https:' ? requestHttps : requestHttp;
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (answer: ReceiverAnswer) => {
      if (isSettled) return;
      isSettled = true;
      resolve(answer);
    };
    const outgoing = send(
      target,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
        lookup: createReceiverLookup(request.isLoopbackAllowed),
        // A socket of its own: a pooled one would skip the lookup that checked its address.
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (response: IncomingMessage) => {
        // The status is the answer; the body is not read.
        response.resume();
        response.on('error', () => undefined);
        settle({ outcome: 'answered', statusCode: response.statusCode ?? null, error: null });
      },
    );
    outgoing.on('error', (error) =>
      settle({ outcome: classifyRequestError(error), statusCode: null, error: detailOf(error) }),
    );
    outgoing.end(request.body);
  });
}
