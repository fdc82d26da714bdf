// The administration API as a tool calls it with an API token (the demo's district issuer and
// `portvakt lock-sim`): JSON in and out, a refusal thrown with the server's code and message, and
// device enrolment (POST /api/v1/devices) with the issuer keys its reply carries.
import type { KeyRing, PublicJwk } from '@portvakt/protocol';
import { createKeyRing, exportPublicJwk, hexToBytes, importPublicJwk } from '@portvakt/protocol';

/** Where the API is and the administrator token the calls carry. */
export interface AdminApiConnection {
  baseUrl: string;
  token: string;
}

/** An API call failed: the server's status, code and message. */
export class DistrictApiError extends Error {
  override readonly name = 'DistrictApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls the API; any answer but a 2xx is thrown as a `DistrictApiError`. */
export async function callAdminApi<T>(
  connection: AdminApiConnection,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(new URL(path, connection.baseUrl), {
    method,
    headers: {
      authorization: `Bearer ${connection.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await response.json().catch(() => ({}))) as T & { code?: string; message?: string };
  if (!response.ok)
    throw new DistrictApiError(
      response.status,
      answer.code ?? 'unknown',
      `${method} ${path}: ${response.status} ${answer.code ?? ''} ${answer.message ?? ''}`.trim(),
    );
  return answer;
}

export interface EnrolmentReply {
  enrolment: { id: string };
  certificate: string;
  lockNumber: number | null;
  chainStart: { afterSequence: number; prevHash: string } | null;
  issuerKeys: Array<{ kid: string; jwk: PublicJwk }>;
}

/** Enrols a device's public key (`body` says its kind, door or holder) through the device administration. */
export async function enrolDeviceOverApi(
  connection: AdminApiConnection,
  body: Record<string, unknown>,
  publicKey: CryptoKey,
): Promise<EnrolmentReply> {
  return callAdminApi<EnrolmentReply>(connection, 'POST', '/api/v1/devices', {
    ...body,
    publicJwk: await exportPublicJwk(publicKey),
  });
}

/** The issuer keys an enrolment reply carries, as the key ring a device verifies with. */
export async function issuerKeyRingOf(reply: Pick<EnrolmentReply, 'issuerKeys'>): Promise<KeyRing> {
  return createKeyRing(
    await Promise.all(
      reply.issuerKeys.map(async (key) => [hexToBytes(key.kid), await importPublicJwk(key.jwk)] as const),
    ),
  );
}
