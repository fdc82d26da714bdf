// A software authenticator for tests over HTTP: a real P-256 key, real authenticator data, a real
// "none" attestation and real ECDSA assertions, built byte by byte as WebAuthn (§6.1, §6.5)
// defines them, so the server's WebAuthn library verifies them like a browser's. The browser
// tests use Chromium's virtual authenticator instead (tests/e2e/web-passkeys.test.ts).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

export interface AnswerTweaks {
  /** The origin the "browser" reports (a phishing site's, say). */
  origin?: string;
  /** The challenge the "browser" signs instead of the server's. */
  challenge?: string;
  /** The RP id the authenticator hashes instead of the options'. */
  rpId?: string;
  /** Leave out user verification (UV flag). */
  isUnverified?: boolean;
  /** The signature counter to report instead of the next one. */
  counter?: number;
}

/** What of the registration options an authenticator reads. */
export interface CreationOptions {
  challenge: string;
  rp: { id: string };
  user: { id: string };
}

/** What of the sign-in options an authenticator reads. */
export interface RequestOptions {
  challenge: string;
  rpId: string;
}

/** One passkey on a software authenticator: its key, credential id and counter. */
export class SoftPasskey {
  readonly credentialId = randomBytes(16);
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  private counter = 0;
  private userHandle: string | undefined;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    this.publicJwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
  }

  get id(): string {
    return b64url(this.credentialId);
  }

  private authenticatorData(rpId: string, flags: number, counter: number, attested?: Uint8Array): Buffer {
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }

  /** Answers registration options (from POST …/registration-options) as `navigator.credentials.create` would. */
  register(options: CreationOptions, origin: string, tweaks: AnswerTweaks = {}) {
    this.userHandle = options.user.id;
    const coseKey = new Map<number, number | Uint8Array>([
      [1, 2], // kty: EC2
      [3, -7], // alg: ES256
      [-1, 1], // crv: P-256
      [-2, Buffer.from(this.publicJwk.x, 'base64url')],
      [-3, Buffer.from(this.publicJwk.y, 'base64url')],
    ]);
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLength, this.credentialId, isoCBOR.encode(coseKey)]);
    const flags = 0x01 | (tweaks.isUnverified ? 0 : 0x04) | 0x40; // UP, UV, AT
    const authData = this.authenticatorData(tweaks.rpId ?? options.rp.id, flags, 0, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as never,
    );
    const clientData = JSON.stringify({
      type: 'webauthn.create',
      challenge: tweaks.challenge ?? options.challenge,
      origin: tweaks.origin ?? origin,
      crossOrigin: false,
    });
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(Buffer.from(clientData)),
        attestationObject: b64url(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** Answers sign-in options (from POST /auth/passkey/options) as `navigator.credentials.get` would. */
  assert(options: RequestOptions, origin: string, tweaks: AnswerTweaks = {}) {
    this.counter += 1;
    const flags = 0x01 | (tweaks.isUnverified ? 0 : 0x04);
    const authData = this.authenticatorData(
      tweaks.rpId ?? options.rpId,
      flags,
      tweaks.counter ?? this.counter,
    );
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge: tweaks.challenge ?? options.challenge,
        origin: tweaks.origin ?? origin,
        crossOrigin: false,
      }),
    );
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientData)]), this.privateKey);
    return {
      id: this.id,
      rawId: this.id,
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(this.userHandle ? { userHandle: this.userHandle } : {}),
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
