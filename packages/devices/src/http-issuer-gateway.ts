// The IssuerGateway over HTTP: how a real activation box, sync station or phone reaches the
// server's device gateway (/api/v1/device/*). Boxes and stations sign every request with their
// own enrolled key; phones log in with the staff member's account and sign their visit checks.
import { buildDeviceSigningInput, deviceRequestHeaders } from '@portvakt/core';
import type { Reason } from '@portvakt/protocol';
import { randomBytes, reasonCodes, signEs256 } from '@portvakt/protocol';
import type {
  ActivationCall,
  IssuedCredentials,
  IssuerGateway,
  LoginCall,
  SyncCall,
  TimeAttestationCall,
  UploadReceipt,
  VisitCheckCall,
  VisitReceipt,
} from './issuer-gateway';
import { IssuerRefusedError, IssuerUnreachableError } from './issuer-gateway';

export interface HttpGatewayConfig {
  /** e.g. https://portvakt.kommun.se */
  baseUrl: string;
  /** A box's or station's enrolment id and the private key it enrolled with (phones: none). */
  deviceId?: string;
  privateKey?: CryptoKey;
  /**
   * Phones: a fresh credential request (purpose sync) signed by the phone's own key, which is
   * what authenticates its record uploads (a phone has no box or station in between).
   */
  createPhoneRequest?: () => Promise<Uint8Array>;
  /** Seconds since the epoch, from the device's clock. */
  now?: () => number;
}

const toBase64Url = (bytes: Uint8Array): string => {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromBase64Url = (text: string): Uint8Array =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0));

function isReason(code: unknown): code is Reason {
  return typeof code === 'string' && code in reasonCodes;
}

/** A request signed by a box or station: send `body` to `path` with these `headers`. */
export interface SignedDeviceRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const activationBody = (call: ActivationCall) => ({ request: toBase64Url(call.request), pin: call.pin });

export class HttpIssuerGateway implements IssuerGateway {
  constructor(private readonly config: HttpGatewayConfig) {}

  /**
   * What the box puts on the wire for one signed request: the body and the headers that carry its
   * signature over method, path, time, nonce and the body's digest (docs/device-gateway.md).
   */
  async signRequest(path: string, body: unknown): Promise<SignedDeviceRequest> {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!this.config.deviceId || !this.config.privateKey)
      throw new Error('only an enrolled box or station signs requests');
    const time = this.config.now?.() ?? Math.floor(Date.now() / 1000);
    const nonce = toBase64Url(randomBytes(16));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    const input = buildDeviceSigningInput({
      method: 'POST',
      path,
      time,
      nonce,
      bodySha256Hex: Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join(''),
    });
    const signature = await signEs256(this.config.privateKey, new TextEncoder().encode(input));
    headers[deviceRequestHeaders.device] = this.config.deviceId;
    headers[deviceRequestHeaders.time] = String(time);
    headers[deviceRequestHeaders.nonce] = nonce;
    headers[deviceRequestHeaders.signature] = toBase64Url(signature);
    return { path, headers, body: text };
  }

  /** The box's signed activation request for a key's credential request, ready to send. */
  signActivation(call: ActivationCall): Promise<SignedDeviceRequest> {
    return this.signRequest('/api/v1/device/activate', activationBody(call));
  }

  private async post(path: string, body: unknown, isSigned: boolean): Promise<unknown> {
    const { headers, body: text } = isSigned
      ? await this.signRequest(path, body)
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    let response: Response;
    try {
      response = await fetch(new URL(path, this.config.baseUrl), { method: 'POST', headers, body: text });
    } catch (error) {
      throw new IssuerUnreachableError(`issuer unreachable: ${(error as Error).message}`);
    }
    if (response.status === 204) return undefined;
    const answer = (await response.json().catch(() => undefined)) as
      { code?: unknown; message?: string } | undefined;
    if (response.ok) return answer;
    if (response.status >= 500) throw new IssuerUnreachableError(`issuer failed: ${response.status}`);
    const code = answer?.code;
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new IssuerRefusedError(
      isReason(code) ? code : 'malformed',
      answer?.message ?? `HTTP ${response.status}`,
      typeof code === 'string' ? code : 'malformed',
      response.status === 429 && retryAfter > 0 ? retryAfter : undefined,
    );
  }

  /** Reads the issued credentials from an answer's JSON body. */
  static credentials(answer: unknown): IssuedCredentials {
    const body = answer as { ticket: string; blockList: string; issuerKeySet?: string };
    return {
      ticket: fromBase64Url(body.ticket),
      blockList: fromBase64Url(body.blockList),
      ...(body.issuerKeySet ? { issuerKeySet: fromBase64Url(body.issuerKeySet) } : {}),
    };
  }

  async activate(call: ActivationCall): Promise<IssuedCredentials> {
    const answer = await this.post('/api/v1/device/activate', activationBody(call), true);
    return HttpIssuerGateway.credentials(answer);
  }

  /** Sets a new PIN with the one-time code a work lead handed out (activation boxes only). */
  async setPin(call: { request: Uint8Array; code: string; pin: string }): Promise<void> {
    await this.post(
      '/api/v1/device/set-pin',
      { request: toBase64Url(call.request), code: call.code, pin: call.pin },
      true,
    );
  }

  async sync(call: SyncCall): Promise<IssuedCredentials> {
    const answer = await this.post('/api/v1/device/sync', { request: toBase64Url(call.request) }, true);
    return HttpIssuerGateway.credentials(answer);
  }

  async login(call: LoginCall): Promise<IssuedCredentials> {
    const answer = await this.post(
      '/api/v1/device/login',
      { request: toBase64Url(call.request), username: call.username, password: call.password },
      false,
    );
    return HttpIssuerGateway.credentials(answer);
  }

  /**
   * The issuer answers only an enrolled device, for a lock of that device's municipality: a phone
   * sends a sync request it signed, a box or station signs the HTTP request.
   */
  async attestTime(call: TimeAttestationCall): Promise<Uint8Array> {
    const challenge = toBase64Url(call.challenge);
    const phoneRequest = await this.config.createPhoneRequest?.();
    const answer = (
      phoneRequest
        ? await this.post('/api/v1/device/time', { challenge, request: toBase64Url(phoneRequest) }, false)
        : // Without an identity the request goes unsigned, and the issuer refuses it (401).
          await this.post('/api/v1/device/time', { challenge }, Boolean(this.config.privateKey))
    ) as { attestation: string };
    return fromBase64Url(answer.attestation);
  }

  async checkInVisit(call: VisitCheckCall): Promise<VisitReceipt> {
    return this.postVisitCheck('check-in', call);
  }

  async checkOutVisit(call: VisitCheckCall): Promise<VisitReceipt> {
    return this.postVisitCheck('check-out', call);
  }

  private async postVisitCheck(
    action: 'check-in' | 'check-out',
    call: VisitCheckCall,
  ): Promise<VisitReceipt> {
    return (await this.post(
      `/api/v1/device/visits/${action}`,
      { request: toBase64Url(call.request) },
      false,
    )) as VisitReceipt;
  }

  async uploadRecords(batches: Uint8Array[]): Promise<UploadReceipt> {
    if (batches.length === 0) return { stored: 0, duplicates: 0, findings: [] };
    const phoneRequest = await this.config.createPhoneRequest?.();
    const answer = phoneRequest
      ? await this.post(
          '/api/v1/device/records',
          { batches: batches.map(toBase64Url), request: toBase64Url(phoneRequest) },
          false,
        )
      : await this.post('/api/v1/device/records', { batches: batches.map(toBase64Url) }, true);
    return answer as UploadReceipt;
  }
}
