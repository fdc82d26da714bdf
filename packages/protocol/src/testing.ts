// Fixed test keys for tests, the vector generator and the benchmark. PUBLISHED ON PURPOSE: never
// use them for anything real. Exposed as "@portvakt/protocol/testing", not from the main entry.
import { uuidToBytes } from './bytes';
import type { PublicKeyCoordinates } from './crypto';
import { ProtocolError } from './errors';
import { deriveIssuerKid, exportPublicCoordinates, importPrivateJwk, importPublicJwk } from './crypto';
import { genesisHash, type EventRecord } from './event-record';
import type { TicketClaims } from './ticket';

export const testJwks = {
  issuer: {
    kty: 'EC',
    crv: 'P-256',
    x: 'DsZ2j1MndOadmWK9O94sdAlhse6OATU871bMdBlmt2Y',
    y: 'a5s6CINFDE4kD9WZVibSLC7NfxzuGrRYWE9AMn_CXYk',
    d: 'febWBWf3_HdkFA43AHypTKMhjl66Rsq_crJUz5yH418',
  },
  rogueIssuer: {
    kty: 'EC',
    crv: 'P-256',
    x: 'zDDxgSzFbSgwlVY5KjKqW4a0Fuok1J1HqfKHJK7ZQck',
    y: 'O6JwAuMEBNUs_x-h_znzpXktLvTxloMJobDZrvqS-XU',
    d: 'a7VR5fhzEeWmkbp8OPdZMM37Ynu601QcrOERSmyehk8',
  },
  keyA: {
    kty: 'EC',
    crv: 'P-256',
    x: '0603NGMWgXQYCEJY9k3mOHXKwE7yFxpFLL0EQvXpe1E',
    y: 'EMWpq9qmmOcXxVapBNLAV-OMohe0pVPUX7j_V_4AFSQ',
    d: 'SZKCt1w8dcaUocivHfGLUjsUckxeb07ZYFLkBrqropI',
  },
  keyB: {
    kty: 'EC',
    crv: 'P-256',
    x: 'm7KIc9byoXIHacs5W0F4GscrmGVgJoi8vkjvOHIxb6U',
    y: 'POviLFXMONxgo1Ll6wmgAbnbYvYM5m2667Dp9_oqG_I',
    d: 'vNP-7hBdygn4AmEgxYzzbZyyVUSpEnwJ80D2hS6nKQk',
  },
  lock: {
    kty: 'EC',
    crv: 'P-256',
    x: 'zyD0GkPoTaXYZca1T7GzZBeTF8MK_ahgBixUxlXpxjY',
    y: 'mc54IOfgHe2N_79ob51c85kP89PVeHCaLYFj5uKyawA',
    d: 'lOlQOk40p6-CjmMdRS_gdJ-WoNGWZ-q4SMMV2MChVN8',
  },
  cabinet: {
    kty: 'EC',
    crv: 'P-256',
    x: 'hfg3x-C_yKRWkren1Mk60YtGCYTcXRmsd4jjSvVc1ZQ',
    y: '5B_HFJTqyotKYf0bHu_-TqWswTkH75ft5dzWQqIavx4',
    d: 'mEjoXggN-3SwQOgxM2BW3-BipvCTkn5BF4L7WUuWk7g',
  },
} as const;

export const testDeviceIds = {
  keyA: uuidToBytes('0a0a0a0a-0000-4000-8000-00000000000a'),
  keyB: uuidToBytes('0b0b0b0b-0000-4000-8000-00000000000b'),
  lock: uuidToBytes('1c1c1c1c-0000-4000-8000-00000000001c'),
  cabinet: uuidToBytes('cabcab00-0000-4000-8000-0000000000ca'),
};

export interface TestSigner {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  coordinates: PublicKeyCoordinates;
  /** Issuer kid for issuers, device id for devices. */
  kid: Uint8Array;
}

async function loadSigner(name: keyof typeof testJwks, kid?: Uint8Array): Promise<TestSigner> {
  const jwk = testJwks[name];
  const publicKey = await importPublicJwk({ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y });
  return {
    privateKey: await importPrivateJwk({ ...jwk }),
    publicKey,
    coordinates: await exportPublicCoordinates(publicKey),
    kid: kid ?? (await deriveIssuerKid(publicKey)),
  };
}

/** Loads every fixed test key; issuers get kids derived from their keys, devices their ids. */
export async function loadTestKeys(): Promise<Record<keyof typeof testJwks, TestSigner>> {
  return {
    issuer: await loadSigner('issuer'),
    rogueIssuer: await loadSigner('rogueIssuer'),
    keyA: await loadSigner('keyA', testDeviceIds.keyA),
    keyB: await loadSigner('keyB', testDeviceIds.keyB),
    lock: await loadSigner('lock', testDeviceIds.lock),
    cabinet: await loadSigner('cabinet', testDeviceIds.cabinet),
  };
}

export const testTime = 1_767_607_200; // 2026-01-05 10:00:00 UTC, a Monday
export const testLockNumber = 4711;

/** Claims for a ticket held by test key A that opens the test lock, valid from testTime for 5 days. */
export function buildTestTicketClaims(keyA: TestSigner, overrides: Partial<TicketClaims> = {}): TicketClaims {
  return {
    issuer: 'se-0180',
    keyId: keyA.kid,
    cnf: keyA.coordinates,
    staff: 'p-7f3a91c2',
    issuedAt: testTime,
    notBefore: testTime,
    expiresAt: testTime + 5 * 24 * 3600,
    sequence: 1,
    shiftSeconds: 12 * 3600,
    locks: [{ lock: 17 }, { lock: testLockNumber }, { lock: 90_001, windows: [{ start: 420, end: 1320 }] }],
    blockListVersion: 3,
    blockedKeys: [],
    ...overrides,
  };
}

/** A verified opening of the test lock by key 2…2, the first record of device 1…1's chain. */
export function buildTestOpeningRecord(overrides: Partial<EventRecord> = {}): EventRecord {
  return {
    deviceId: new Uint8Array(16).fill(1),
    sequence: 1,
    time: testTime,
    kind: 'open-attempt',
    result: 'ok',
    reason: 'none',
    battery: 87,
    keyId: new Uint8Array(16).fill(2),
    staff: 'p-7f3a91c2',
    lock: testLockNumber,
    prev: genesisHash,
    verified: true,
    ...overrides,
  };
}

/** The protocol's reason for refusing what `run` does, or 'accepted'; any other error is thrown on. */
export function readRefusalReason(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof ProtocolError) return error.reason;
    throw error;
  }
}

/** readRefusalReason for work that answers a promise (signing, verifying). */
export async function readRefusalReasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    if (error instanceof ProtocolError) return error.reason;
    throw error;
  }
}
