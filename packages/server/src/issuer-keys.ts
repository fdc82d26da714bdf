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
  findActiveIssuerKey,
  insertIssuerKey,
  listPublishedIssuerKeys,
  retireIssuerKey,
} from '@portvakt/storage';
import type pg from 'pg';
import { withTransaction } from './transaction';

export interface ActiveIssuer extends IssuerSigningKey {
  publicKey: CryptoKey;
}

/**
 * Issuer private keys are sealed (AES-256-GCM) under a key derived from the master key, so a
 * database dump alone cannot forge tickets.
 */
export class IssuerKeyStore {
  private readonly sealingKey: Buffer;
  private readonly cache = new Map<string, { kidHex: string; issuer: ActiveIssuer }>();

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

  private async createKey(client: pg.PoolClient, municipalityId: string): Promise<void> {
    const pair = await generateSigningKeyPair(true);
    const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    await insertIssuerKey(client, {
      kid: await deriveIssuerKid(pair.publicKey),
      municipalityId,
      publicJwk: await exportPublicJwk(pair.publicKey),
      privateKeySealed: this.seal(Buffer.from(JSON.stringify(privateJwk))),
    });
  }

  /** The municipality's signing key, generated on first use (once, even with several processes). */
  async getActive(municipalityId: string): Promise<ActiveIssuer> {
    let record = await findActiveIssuerKey(this.pool, municipalityId);
    if (!record) {
      await withTransaction(this.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`issuer:${municipalityId}`]);
        if (!(await findActiveIssuerKey(client, municipalityId)))
          await this.createKey(client, municipalityId);
      });
      record = (await findActiveIssuerKey(this.pool, municipalityId))!;
    }
    const kidHex = record.kid.toString('hex');
    const cached = this.cache.get(municipalityId);
    if (cached?.kidHex === kidHex) return cached.issuer;
    const privateJwk = JSON.parse(this.unseal(record.privateKeySealed).toString('utf8')) as JsonWebKey;
    const issuer: ActiveIssuer = {
      kid: new Uint8Array(record.kid),
      privateKey: await importPrivateJwk(privateJwk, false),
      publicKey: await importPublicJwk(record.publicJwk as PublicJwk),
    };
    this.cache.set(municipalityId, { kidHex, issuer });
    return issuer;
  }

  /** Retires the active key and makes a new one; the old public key stays published. */
  async rotate(municipalityId: string): Promise<ActiveIssuer> {
    await withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`issuer:${municipalityId}`]);
      const current = await findActiveIssuerKey(client, municipalityId);
      if (current) await retireIssuerKey(client, current.kid);
      await this.createKey(client, municipalityId);
    });
    return this.getActive(municipalityId);
  }

  private async signerFor(record: {
    kid: Buffer;
    privateKeySealed: Buffer;
    publicJwk: JsonWebKey;
  }): Promise<ActiveIssuer> {
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
   * before it. Its version is the time of the last change to the set (strictly increasing).
   */
  async signKeySet(municipalityId: string, issuer: string): Promise<Uint8Array> {
    await this.getActive(municipalityId);
    const keys = await listPublishedIssuerKeys(this.pool, municipalityId);
    const oldest = keys.at(-1)!;
    const changes = keys
      .flatMap((key) => [key.createdAt, key.retiredAt])
      .filter((time): time is Date => time !== null);
    const version = Math.max(...changes.map((time) => Math.floor(time.getTime() / 1000)));
    const entries = await Promise.all(
      keys.map(async (key) => ({
        kid: new Uint8Array(key.kid),
        publicKey: await exportPublicCoordinates(await importPublicJwk(key.publicJwk as PublicJwk)),
      })),
    );
    return signIssuerKeySet(
      { issuer, version, issuedAt: Math.floor(Date.now() / 1000), keys: entries },
      await this.signerFor(oldest),
    );
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
