import { bytesToHex, equalBytes, type TicketClaims } from '@portvakt/protocol';

/** A ticket whose issuer signature the lock has verified, with its key's imported cnf key. */
export interface VerifiedTicket {
  bytes: Uint8Array;
  claims: TicketClaims;
  cnfKey: CryptoKey;
}

/** A map that forgets its least recently used entry beyond `capacity` (a lock's memory is small). */
class RecentMap<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** The value without counting it as a use. */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Verified tickets, so a ticket presented again skips the issuer signature check. */
export class TicketCache extends RecentMap<VerifiedTicket> {
  /**
   * The last 64 bytes of a canonical COSE_Sign1 are its signature (low-S, so unique), so they key
   * the cache without parsing; full byte equality then rules out a lookalike.
   */
  find(bytes: Uint8Array): VerifiedTicket | undefined {
    if (bytes.length < 64) return undefined;
    const cached = this.get(bytesToHex(bytes.subarray(bytes.length - 64)));
    return cached && equalBytes(cached.bytes, bytes) ? cached : undefined;
  }

  remember(signature: Uint8Array, ticket: VerifiedTicket): void {
    this.set(bytesToHex(signature), ticket);
  }
}

/** The highest ticket sequence seen per key: an older ticket of that key is a rollback. */
export class SequenceMemory extends RecentMap<number> {
  highestOf(keyHex: string): number {
    return this.peek(keyHex) ?? 0;
  }

  remember(keyHex: string, sequence: number): void {
    this.set(keyHex, sequence);
  }
}
