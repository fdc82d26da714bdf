// What devices and phones sign or are given outside the door: certificates, credential requests,
// the issuer key set, time attestations and visit checks.
import {
  contentTypes,
  encodeCanonical,
  hexToBytes,
  signIssuerKeySet,
  signTimeAttestation,
  signCredentialRequest,
  signDeviceCertificate,
  signVisitCheck,
} from '@portvakt/protocol';
import { testLockNumber, testTime } from '@portvakt/protocol/testing';
import type { CredentialRequest } from '@portvakt/protocol';
import type { TestSigner } from '@portvakt/protocol/testing';
import type { VectorContext } from './vector-context';

/** Lock 4711's enrolment certificate and certificates refused. */
export async function addDeviceCertificateVectors(context: VectorContext) {
  const { add, map, signRaw, forger, keys } = context;
  const { issuer, keyA, lock } = keys;
  const certificate = await signDeviceCertificate(
    {
      issuer: 'se-0180',
      deviceId: lock.kid,
      kind: 'lock',
      publicKey: lock.coordinates,
      issuedAt: testTime,
      lock: testLockNumber,
    },
    issuer,
  );
  add('device-certificate', 'lock 4711 enrolment', certificate);
  add(
    'device-certificate',
    'forged signature',
    await signDeviceCertificate(
      { issuer: 'se-0180', deviceId: keyA.kid, kind: 'key', publicKey: keyA.coordinates, issuedAt: testTime },
      forger,
    ),
    'bad-signature',
  );
  add(
    'device-certificate',
    'correctly signed key certificate carrying a lock number',
    await signRaw(
      issuer,
      contentTypes.deviceCertificate,
      encodeCanonical(
        map([
          [1, 'se-0180'],
          [2, keyA.kid],
          [3, 2],
          [
            4,
            map([
              [1, 2],
              [-1, 1],
              [-2, keyA.coordinates.x],
              [-3, keyA.coordinates.y],
            ]),
          ],
          [5, testTime],
          [6, 1],
        ]),
      ),
    ),
    'out-of-range',
  );
}

/** Key A's credential request after a correct PIN. */
export async function addCredentialRequestVectors(context: VectorContext) {
  const { add, nonce, keys } = context;
  const { keyA, keyB } = keys;
  const request = { keyId: keyA.kid, nonce, time: testTime, purpose: 'activation' as const };
  add(
    'credential-request',
    'key A activation after a correct PIN',
    await signCredentialRequest(request, keyA.privateKey),
  );
  add(
    'credential-request',
    "signed by key B under key A's id",
    await signCredentialRequest(request, keyB.privateKey),
    'bad-signature',
  );
  return request;
}

/** The issuer key set of a rotation and sets refused. */
export async function addIssuerKeySetVectors(context: VectorContext) {
  const { add, keys } = context;
  const { issuer } = keys;
  const rotated = keys.rogueIssuer; // stands in for the municipality's next issuer key here
  /** Version `version` of the set, listing each key's kid with a public key, signed by `signer`. */
  const signSet = (version: number, entries: Array<[TestSigner, TestSigner]>, signer: TestSigner) =>
    signIssuerKeySet(
      {
        issuer: 'se-0180',
        version,
        issuedAt: testTime,
        keys: entries.map(([kidOf, keyOf]) => ({ kid: kidOf.kid, publicKey: keyOf.coordinates })),
      },
      signer,
    );
  add(
    'issuer-key-set',
    'version 2: the issuer key and its successor, signed by the issuer key',
    await signSet(
      2,
      [
        [issuer, issuer],
        [rotated, rotated],
      ],
      issuer,
    ),
  );
  add(
    'issuer-key-set',
    'signed by a key that is not trusted (the successor alone)',
    await signSet(3, [[rotated, rotated]], rotated),
    'unknown-kid',
  );
  add(
    'issuer-key-set',
    "correctly signed, the issuer's kid paired with another key",
    await signSet(4, [[issuer, rotated]], issuer),
    'out-of-range',
  );
}

/** The issuer's time for the challenge. */
export async function addTimeAttestationVectors(context: VectorContext) {
  const { add, nonce, forger, keys } = context;
  const { issuer } = keys;
  const attestation = { issuer: 'se-0180', lock: testLockNumber, nonce, time: testTime + 30 };
  add(
    'time-attestation',
    'issuer time for the challenge above',
    await signTimeAttestation(attestation, issuer),
  );
  add(
    'time-attestation',
    'forged signature under the issuer kid',
    await signTimeAttestation(attestation, forger),
    'bad-signature',
  );
}

/** A phone's check-in and check-out (key A stands in for the phone). */
export async function addVisitCheckVectors(context: VectorContext, request: CredentialRequest) {
  const { add, map, signRaw, nonce, keys } = context;
  const { keyA, keyB } = keys;
  /** Phone A's signature over a visit check's fields as given, past the builder's checks. */
  const signRawVisitCheck = (fields: [number, unknown][]) =>
    signRaw(keyA, contentTypes.visitCheck, encodeCanonical(map(fields)));
  const customer = hexToBytes('c0570000000040008000000000000001');
  const checkIn = { keyId: keyA.kid, nonce, time: testTime, action: 'check-in' as const, customer };
  add('visit-check', 'phone A checks in at a customer', await signVisitCheck(checkIn, keyA.privateKey));
  add(
    'visit-check',
    'phone A checks out at the same customer 40 minutes later',
    await signVisitCheck(
      {
        ...checkIn,
        nonce: hexToBytes('ffeeddccbbaa99887766554433221100'),
        time: testTime + 2400,
        action: 'check-out',
      },
      keyA.privateKey,
    ),
  );
  add(
    'visit-check',
    "signed by key B under phone A's id",
    await signVisitCheck(checkIn, keyB.privateKey),
    'bad-signature',
  );
  add(
    'visit-check',
    'correctly signed, action 3 (only 1 check-in and 2 check-out exist)',
    await signRawVisitCheck([
      [1, keyA.kid],
      [2, nonce],
      [3, testTime],
      [4, 3],
      [5, customer],
    ]),
    'out-of-range',
  );
  add(
    'visit-check',
    'correctly signed, without the customer',
    await signRawVisitCheck([
      [1, keyA.kid],
      [2, nonce],
      [3, testTime],
      [4, 1],
    ]),
    'missing-field',
  );
  add(
    'visit-check',
    'a credential request presented as a visit check (content type 65006)',
    await signCredentialRequest(request, keyA.privateKey),
    'wrong-content-type',
  );
}
