import { bytesToHex, maxTicketValiditySeconds } from '@portvakt/protocol';

/**
 * The keys a lock refuses: blocked key (hex) → issuer time after which every ticket of that key
 * has expired, and the newest block-list version that listed it.
 */
export class BlockedKeys {
  private readonly entries = new Map<string, { until: number; version: number }>();

  get size(): number {
    return this.entries.size;
  }

  has(keyHex: string): boolean {
    return this.entries.has(keyHex);
  }

  /**
   * Adds keys listed at `issuedAt` in block-list `version`. A ticket of a listed key was issued
   * before the list, so it expires by `issuedAt + 5 days`: the entry can be dropped after that
   * without ever letting a ticket in. Returns whether a key was new.
   */
  add(keyIds: readonly Uint8Array[], issuedAt: number, version: number): boolean {
    let isChanged = false;
    const until = issuedAt + maxTicketValiditySeconds;
    for (const id of keyIds) {
      const hex = bytesToHex(id);
      const known = this.entries.get(hex);
      if (known === undefined) isChanged = true;
      this.entries.set(hex, {
        until: Math.max(known?.until ?? 0, until),
        version: Math.max(known?.version ?? 0, version),
      });
    }
    return isChanged;
  }

  /**
   * Drops entries whose keys' tickets have all expired by `signedTime`, the newest issuer-signed
   * time the lock has seen. Issuer time, not the lock's settable clock: setting the clock forward
   * cannot prune.
   */
  prune(signedTime: number): void {
    for (const [hex, entry] of this.entries) if (entry.until <= signedTime) this.entries.delete(hex);
  }

  /** Forgets what lists up to `version` said: a complete list of that version replaces it. */
  forgetUpTo(version: number): void {
    for (const [hex, entry] of this.entries) if (entry.version <= version) this.entries.delete(hex);
  }
}
