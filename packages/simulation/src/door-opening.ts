// One opening at a door with the real protocol (holder.openLock), and what it teaches the lock:
// the lock's block-list version before and after, and the entries of the presented ticket that a
// verified presentation adds (docs/protocol.md §5), reported as typed events.
import type { CredentialHolder, Lock, OpenResult } from '@portvakt/devices';
import type { TicketClaims } from '@portvakt/protocol';
import { bytesToHex, parseTicket } from '@portvakt/protocol';
import type { SimulationEvent } from './simulation-events';

/** Refusals decided before both signatures verified: the lock learned nothing from the ticket. */
const unverifiedReasons = new Set([
  'battery-empty',
  'no-ticket',
  'stale-challenge',
  'wrong-issuer',
  'unknown-issuer-kid',
  'bad-issuer-signature',
  'malformed',
  'key-mismatch',
  'bad-key-signature',
]);

/** Tracks per lock what it has been told, so each lesson is reported once. */
export class LockLessons {
  private readonly claims = new WeakMap<CredentialHolder, { sequence: number; claims: TicketClaims }>();
  private readonly keysKnown = new Map<number, Set<string>>();
  private readonly batteryShown = new Map<number, number>();

  /** `numberOf` names a lock by the district's number (an issuer may number its locks its own way). */
  constructor(private readonly numberOf: (lock: Lock) => number = (lock) => lock.lockNumber) {}

  claimsOf(holder: CredentialHolder): TicketClaims | undefined {
    const ticket = holder.ticket;
    if (!ticket) return undefined;
    const cached = this.claims.get(holder);
    if (cached && cached.sequence === ticket.sequence) return cached.claims;
    const { claims } = parseTicket(ticket.bytes);
    this.claims.set(holder, { sequence: ticket.sequence, claims });
    return claims;
  }

  /** Opens `lock` with `holder` and returns the result and the events it caused. */
  async open(
    holder: CredentialHolder,
    lock: Lock,
    at: () => number,
  ): Promise<{ result: OpenResult | { isOpen: false; reason: string }; events: SimulationEvent[] }> {
    const before = lock.blockListVersion;
    const claims = this.claimsOf(holder);
    const result = await holder.openLock(lock);
    const events: SimulationEvent[] = [];
    const after = lock.blockListVersion;
    const number = this.numberOf(lock);
    const isVerified = result.isOpen || !unverifiedReasons.has(result.reason);
    const known = this.keysKnown.get(number) ?? new Set<string>();
    const learned: string[] = [];
    const isFromTicket = isVerified && claims !== undefined && claims.blockListVersion > before;
    if (isFromTicket) {
      for (const id of claims.blockedKeys) {
        const hex = bytesToHex(id);
        if (!known.has(hex)) {
          known.add(hex);
          learned.push(hex);
        }
      }
      this.keysKnown.set(number, known);
    }
    if (after > before || learned.length > 0)
      events.push({
        type: 'block-list-learned',
        at: at(),
        lock: number,
        version: after,
        keys: learned,
        via: isFromTicket ? 'ticket' : 'signed-list',
      });
    const percent = lock.battery.percent;
    if (this.batteryShown.get(number) !== percent) {
      this.batteryShown.set(number, percent);
      events.push({ type: 'battery', at: at(), lock: number, percent });
    }
    return { result, events };
  }

  /** Remembers a lock's charge after a battery change. */
  noteBattery(lock: Lock): void {
    this.batteryShown.set(this.numberOf(lock), lock.battery.percent);
  }
}
