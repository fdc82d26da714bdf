import { beforeAll, describe, expect, it } from 'vitest';
import { signBlockList, verifyBlockList } from './block-list';
import { decodeChallenge, encodeChallenge, parseKeyResponse, signKeyResponse } from './challenge';
import { contentTypes, signCoseSign1, verifyCoseSignature } from './cose';
import { signCredentialRequest, verifyCredentialRequest } from './credential-request';
import { createKeyRing, randomBytes } from './crypto';
import { signDeviceCertificate, verifyDeviceCertificate } from './device-certificate';
import type { TestSigner } from './testing';
import { loadTestKeys, testTime } from './testing';
import { sortKeyIds } from './ticket';
import { parseVisitCheck, signVisitCheck, verifyVisitCheck } from './visit-check';
import { readRefusalReasonOf as reasonOf } from './testing';

let keys: Awaited<ReturnType<typeof loadTestKeys>>;
let issuerRing: ReturnType<typeof createKeyRing>;
beforeAll(async () => {
  keys = await loadTestKeys();
  issuerRing = createKeyRing([[keys.issuer.kid, keys.issuer.publicKey]]);
});

describe('challenge and key response', () => {
  it('round-trips a challenge and refuses a short nonce', () => {
    const challenge = { lock: 4711, nonce: randomBytes(16), time: testTime, blockListVersion: 2 };
    expect(decodeChallenge(encodeChallenge(challenge))).toEqual(challenge);
    expect(() => decodeChallenge(encodeChallenge({ ...challenge, nonce: randomBytes(8) }))).toThrow(
      'out-of-range',
    );
  });

  it('verifies a response only under the signing key', async () => {
    const bytes = await signKeyResponse(
      { nonce: randomBytes(16), lock: 4711, activatedAt: testTime },
      { privateKey: keys.keyA.privateKey, keyId: keys.keyA.kid },
    );
    const { sign1, response } = parseKeyResponse(bytes);
    expect(response).toMatchObject({ lock: 4711, activatedAt: testTime, keyId: keys.keyA.kid });
    expect(await verifyCoseSignature(sign1, keys.keyA.publicKey)).toBe(true);
    expect(await verifyCoseSignature(sign1, keys.keyB.publicKey)).toBe(false);
  });
});

describe('block list', () => {
  it('verifies under the issuer and refuses unsorted entries', async () => {
    const blockedKeys = sortKeyIds([keys.keyB.kid, keys.keyA.kid, keys.keyA.kid]);
    expect(blockedKeys).toHaveLength(2);
    const list = { issuer: 'se-0180', version: 7, issuedAt: testTime, blockedKeys };
    expect(await verifyBlockList(await signBlockList(list, keys.issuer), issuerRing)).toEqual(list);
    const unsorted = { ...list, blockedKeys: [...blockedKeys].reverse() };
    expect(await reasonOf(signBlockList(unsorted, keys.issuer))).toBe('out-of-range');
  });
});

describe('device certificate', () => {
  it('binds a lock number to locks only', async () => {
    const base = {
      issuer: 'se-0180',
      deviceId: keys.lock.kid,
      publicKey: keys.lock.coordinates,
      issuedAt: testTime,
    };
    const cert = await signDeviceCertificate({ ...base, kind: 'lock', lock: 4711 }, keys.issuer);
    expect(await verifyDeviceCertificate(cert, issuerRing)).toMatchObject({ kind: 'lock', lock: 4711 });
    expect(await reasonOf(signDeviceCertificate({ ...base, kind: 'key', lock: 4711 }, keys.issuer))).toBe(
      'out-of-range',
    );
    expect(await reasonOf(signDeviceCertificate({ ...base, kind: 'lock' }, keys.issuer))).toBe(
      'out-of-range',
    );
  });
});

describe('credential request', () => {
  it('verifies under the key that signed it and no other', async () => {
    const signer: TestSigner = keys.keyA;
    const request = {
      keyId: signer.kid,
      nonce: randomBytes(16),
      time: testTime,
      purpose: 'activation' as const,
    };
    const bytes = await signCredentialRequest(request, signer.privateKey);
    expect(await verifyCredentialRequest(bytes, signer.publicKey)).toEqual(request);
    expect(await reasonOf(verifyCredentialRequest(bytes, keys.keyB.publicKey))).toBe('bad-signature');
  });
});

describe('visit check', () => {
  const customer = randomBytes(16);

  it('round-trips check-in and check-out, verified only under the phone that signed', async () => {
    for (const action of ['check-in', 'check-out'] as const) {
      const check = { keyId: keys.keyA.kid, nonce: randomBytes(16), time: testTime, action, customer };
      const bytes = await signVisitCheck(check, keys.keyA.privateKey);
      expect(bytes.length).toBeLessThanOrEqual(170);
      expect(await verifyVisitCheck(bytes, keys.keyA.publicKey)).toEqual(check);
      expect(await reasonOf(verifyVisitCheck(bytes, keys.keyB.publicKey))).toBe('bad-signature');
    }
  });

  it('refuses a kid other than the phone id, a short customer id, and a credential request', async () => {
    const check = {
      keyId: keys.keyA.kid,
      nonce: randomBytes(16),
      time: testTime,
      action: 'check-in' as const,
      customer,
    };
    const { sign1 } = parseVisitCheck(await signVisitCheck(check, keys.keyA.privateKey));
    const otherKid = await signCoseSign1({
      privateKey: keys.keyA.privateKey,
      kid: keys.keyB.kid,
      contentType: contentTypes.visitCheck,
      payload: sign1.payload,
    });
    expect(() => parseVisitCheck(otherKid)).toThrow('kid must be the key id');
    const shortCustomer = await signVisitCheck({ ...check, customer: randomBytes(8) }, keys.keyA.privateKey);
    expect(() => parseVisitCheck(shortCustomer)).toThrow('out-of-range');
    const credential = await signCredentialRequest(
      { keyId: keys.keyA.kid, nonce: randomBytes(16), time: testTime, purpose: 'login' },
      keys.keyA.privateKey,
    );
    expect(() => parseVisitCheck(credential)).toThrow('wrong-content-type');
  });
});
