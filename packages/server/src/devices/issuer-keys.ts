import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import {
  deriveIssuerKid,
  exportPublicJwk,
  generateSigningKeyPair,
  importPrivateJwk,
  importPublicJwk,
  exportPublicCoordinates,
  signIssuerKeySet,
  type IssuerSigningKey,
  type PublicJwk,
} from '@portvakt/protocol';
import {
  bumpIssuerKeySetVersion,
  extendIssuerKeySignedUntil,
  findActiveIssuerKey,
  insertIssuerKey,
  listPublishedIssuerKeys,
  lockIssuerKeys,
  readIssuerState,
  retireIssuerKey,
  withTransaction,
  type IssuerKeyRecord,
} from '@portvakt/storage';
import type pg from 'pg';

export interface ActiveIssuer extends IssuerSigningKey {
  publicKey: CryptoKey;
}

/** What signs a ticket: the active key, and the signed issuer key set that travels with it. */
export interface IssuerSigningState {
  issuer: ActiveIssuer;
  issuerKeySet: Uint8Array;
  keySetVersion: number;
}

/** The active kid (hex), its `signed_until` and the key set version, read in one snapshot. */
export interface KnownIssuerState {
  activeKidHex: string | null;
  signedUntil: Date | null;
  keySetVersion: number;
}

/**
 * `signed_until` is kept at this granularity (rounded up): the key row is written about once per
 * hour and key instead of on every activation, and a retired key stays published at most this
 * much longer than strictly needed.
 */
const signedUntilGranularityMs = 3600_000;

/**
 * Issuer private keys are sealed (AES-256-GCM) under a key derived from the master key, so a
 * database dump alone cannot forge tickets.
 */
export class IssuerKeyStore {
  private readonly sealingKey: Buffer;
  private readonly cache = new Map<string, { kidHex: string; issuer: ActiveIssuer }>();
  /** Signed key sets by municipality, reused while version and active key are unchanged. */
  private readonly keySets = new Map<
    string,
    { version: number; kidHex: string; issuerName: string; bytes: Uint8Array; refreshAt: number }
  >();
  /** The `signed_until` each key is known to have in the database (ms), by kid in hex. */
  private readonly signedUntil = new Map<string, number>();

  constructor(
    private readonly pool: pg.Pool,
    masterKey: Buffer,
  ) {
    this.sealingKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'portvakt issuer key sealing v1', 32),
    );
  }

  private seal(plain: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealingKey, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
  }

  private unseal(sealed: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.sealingKey, sealed.subarray(1, 13));
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  }

  /** Makes a new active key; answers its kid. */
  private async createKey(client: pg.PoolClient, municipalityId: string): Promise<Uint8Array> {
    const pair = await generateSigningKeyPair(true);
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const kid = await deriveIssuerKid(pair.publicKey);
    await insertIssuerKey(client, {
      kid,
      municipalityId,
      publicJwk: await exportPublicJwk(pair.publicKey),
      privateKeySealed: this.seal(Buffer.from(JSON.stringify(privateJwk))),
    });
    // In the same transaction: a set that changed always carries a newer version (a retirement
    // always comes with a new key, in the same transaction, so this one bump covers both).
    await bumpIssuerKeySetVersion(client, municipalityId);
    return kid;
  }

  /** The municipality's signing key, generated on first use (once, even with several processes). */
  async getActive(municipalityId: string): Promise<ActiveIssuer> {
    return (await this.readState(municipalityId)).issuer;
  }

  /** The active key (unsealed once per key and process) and the key set version: one query. */
  private async readState(municipalityId: string): Promise<{ issuer: ActiveIssuer; keySetVersion: number }> {
    let state = await readIssuerState(this.pool, municipalityId);
    if (!state.active) {
      // Made on first use by whichever request needs it: not that request's change.
      await withTransaction(
        this.pool,
        async (client) => {
          await lockIssuerKeys(client, municipalityId);
          if (!(await findActiveIssuerKey(client, municipalityId)))
            await this.createKey(client, municipalityId);
        },
        { isRequestChange: false },
      );
      state = await readIssuerState(this.pool, municipalityId);
    }
    const record = state.active!;
    const kidHex = record.kid.toString('hex');
    this.noteKnownSignedUntil(kidHex, record.signedUntil);
    const cached = this.cache.get(municipalityId);
    if (cached?.kidHex === kidHex) return { issuer: cached.issuer, keySetVersion: state.keySetVersion };
    const issuer = await this.signerFor(record);
    this.cache.set(municipalityId, { kidHex, issuer });
    return { issuer, keySetVersion: state.keySetVersion };
  }

  /**
   * The state from what the caller has just read itself (readIssueContext): usable when the
   * active kid it read is the key this process has already unsealed (a key's content never
   * changes); otherwise undefined, and readState reads, creates or unseals as needed.
   */
  private fromKnown(
    municipalityId: string,
    known: KnownIssuerState,
  ): { issuer: ActiveIssuer; keySetVersion: number } | undefined {
    const cached = this.cache.get(municipalityId);
    if (!known.activeKidHex || cached?.kidHex !== known.activeKidHex) return undefined;
    this.noteKnownSignedUntil(known.activeKidHex, known.signedUntil);
    return { issuer: cached.issuer, keySetVersion: known.keySetVersion };
  }

  private noteKnownSignedUntil(kidHex: string, until: Date | null): void {
    if (until && until.getTime() > (this.signedUntil.get(kidHex) ?? 0))
      this.signedUntil.set(kidHex, until.getTime());
  }

  /**
   * Everything a ticket needs from the issuer side, for the hot path of activation, sync and
   * phone login: one query on the pool (no transaction), the key set signed again only when it
   * changed.
   */
  async signingState(
    municipalityId: string,
    issuerName: string,
    known?: KnownIssuerState,
  ): Promise<IssuerSigningState> {
    const { issuer, keySetVersion } =
      (known && this.fromKnown(municipalityId, known)) ?? (await this.readState(municipalityId));
    const issuerKeySet = await this.keySetFor(municipalityId, issuerName, issuer, keySetVersion);
    return { issuer, issuerKeySet, keySetVersion };
  }

  /**
   * Records that `kid` signed a ticket valid until `expiresAt`, so its public half stays
   * published until then (also after a rotation). Must complete before the ticket is handed out.
   * Writes only when the rounded expiry grows past what the database already holds.
   */
  async noteSigned(municipalityId: string, kid: Uint8Array, expiresAt: Date): Promise<void> {
    const kidHex = Buffer.from(kid).toString('hex');
    const until = Math.ceil(expiresAt.getTime() / signedUntilGranularityMs) * signedUntilGranularityMs;
    if ((this.signedUntil.get(kidHex) ?? 0) >= until) return;
    await extendIssuerKeySignedUntil(this.pool, municipalityId, kid, new Date(until));
    // Either it grew to `until` or the row already held at least that.
    this.noteKnownSignedUntil(kidHex, new Date(until));
  }

  /**
   * Retires the active key and makes a new one in the caller's transaction, so the rotation's
   * audit entry is kept or dropped with it (rotate-issuer-key.ts); the old public key stays
   * published. Answers the new kid in hex. Nothing is cached here: the transaction may still roll
   * back, and the next read finds the new key by its kid.
   */
  async rotateInTransaction(client: pg.PoolClient, municipalityId: string): Promise<string> {
    await lockIssuerKeys(client, municipalityId);
    const current = await findActiveIssuerKey(client, municipalityId);
    if (current) await retireIssuerKey(client, municipalityId, current.kid);
    return Buffer.from(await this.createKey(client, municipalityId)).toString('hex');
  }

  private async signerFor(
    record: Pick<IssuerKeyRecord, 'kid' | 'privateKeySealed' | 'publicJwk'>,
  ): Promise<ActiveIssuer> {
    const privateJwk = JSON.parse(this.unseal(record.privateKeySealed).toString('utf8')) as JsonWebKey;
    return {
      kid: new Uint8Array(record.kid),
      privateKey: await importPrivateJwk(privateJwk, false),
      publicKey: await importPublicJwk(record.publicJwk as PublicJwk),
    };
  }

  /**
   * The signed set of issuer keys devices must trust: every published key. Signed by the oldest
   * published key, the one most devices already trust, so a rotation reaches locks enrolled
   * before it. Its version is the counter in `issuer_key_set`, bumped with every change to the
   * set in the same transaction (strictly increasing, 0009_issuer_key_version).
   */
  async signKeySet(municipalityId: string, issuer: string): Promise<Uint8Array> {
    return (await this.signingState(municipalityId, issuer)).issuerKeySet;
  }

  private async keySetFor(
    municipalityId: string,
    issuerName: string,
    active: ActiveIssuer,
    version: number,
  ): Promise<Uint8Array> {
    const kidHex = Buffer.from(active.kid).toString('hex');
    const cached = this.keySets.get(municipalityId);
    if (
      cached &&
      cached.version === version &&
      cached.kidHex === kidHex &&
      cached.issuerName === issuerName &&
      Date.now() < cached.refreshAt
    )
      return cached.bytes;
    const keys = await listPublishedIssuerKeys(this.pool, municipalityId);
    const oldest = keys.at(-1)!;
    const entries = await Promise.all(
      keys.map(async (key) => ({
        kid: new Uint8Array(key.kid),
        publicKey: await exportPublicCoordinates(await importPublicJwk(key.publicJwk as PublicJwk)),
      })),
    );
    const bytes = await signIssuerKeySet(
      { issuer: issuerName, version, issuedAt: Math.floor(Date.now() / 1000), keys: entries },
      await this.signerFor(oldest),
    );
    // A retired key leaves the set when its last ticket expires, without a new version: sign
    // again then (and at least every ten minutes, so `issuedAt` stays recent).
    const leaves = keys
      .filter((key) => key.retiredAt !== null && key.signedUntil !== null)
      .map((key) => key.signedUntil!.getTime());
    const refreshAt = Math.min(Date.now() + 600_000, ...leaves);
    this.keySets.set(municipalityId, { version, kidHex, issuerName, bytes, refreshAt });
    return bytes;
  }

  /** Public keys locks must accept, newest first, as JWKs with their kid in hex. */
  async listPublished(municipalityId: string) {
    await this.getActive(municipalityId);
    const keys = await listPublishedIssuerKeys(this.pool, municipalityId);
    return keys.map((key) => ({
      kid: key.kid.toString('hex'),
      jwk: key.publicJwk,
      createdAt: key.createdAt.toISOString(),
      retiredAt: key.retiredAt?.toISOString() ?? null,
      signedUntil: key.signedUntil?.toISOString() ?? null,
    }));
  }
}
