// Numeric codes carried in event records (field 6). The numbers are the wire form and must never
// be reused; names are for people and logs.

/** Returns a lookup from a wire code of `table` back to its name (undefined for an unknown code). */
export function createCodeLookup<Name extends string>(
  table: Readonly<Record<Name, number>>,
): (code: number) => Name | undefined {
  const names = new Map(Object.entries<number>(table).map(([name, code]) => [code, name as Name]));
  return (code) => names.get(code);
}

/** Why an attempt was refused (or 0: not refused). Shared by locks, keys and the server. */
export const reasonCodes = {
  none: 0,
  malformed: 1,
  'bad-issuer-signature': 2,
  'unknown-issuer-kid': 3,
  'wrong-lock': 4,
  expired: 5,
  'not-yet-valid': 6,
  'not-activated': 7,
  'activation-expired': 8,
  'stale-challenge': 9,
  'bad-key-signature': 10,
  'key-mismatch': 11,
  'ticket-rollback': 12,
  'key-blocked': 13,
  'outside-time-window': 14,
  'clock-rollback': 15,
  'battery-empty': 16,
  'wrong-issuer': 17,
  'block-list-rollback': 18,
  'issuer-keys-rollback': 19,
  'log-full': 20,
  'wrong-pin': 32,
  'pin-locked-out': 33,
  'no-ticket': 34,
  'issuer-unreachable': 35,
  'login-required': 36,
} as const;
export type Reason = keyof typeof reasonCodes;

/** Returns the reason name for a wire code, or undefined for a code this version does not know. */
export const reasonFromCode = createCodeLookup(reasonCodes);

/** What happened, per event record (field 4). */
export const eventKinds = {
  'open-attempt': 1,
  'block-list-updated': 2,
  'clock-corrected': 3,
  'battery-low': 4,
  activation: 5,
  'pin-failed': 6,
  'pin-lockout': 7,
  'ticket-installed': 8,
  'records-collected': 9,
  'block-list-refused': 10,
  boot: 11,
  'records-dropped': 12,
  'issuer-keys-updated': 13,
  'issuer-keys-refused': 14,
  /** Key cabinets: a slot opened and its key taken out (record carries the slot, field 17). */
  'key-taken': 15,
  /** Key cabinets: a key put back into its slot (record carries the slot, field 17). */
  'key-returned': 16,
} as const;
export type EventKind = keyof typeof eventKinds;

/** Returns the kind name for a wire code, or undefined. */
export const eventKindFromCode = createCodeLookup(eventKinds);

/** The kinds only key cabinets write; exactly these carry a slot (field 17). */
export const cabinetEventKinds: readonly EventKind[] = ['key-taken', 'key-returned'];

/** Whether records of `kind` carry a cabinet slot number. */
export function isCabinetEventKind(kind: EventKind): boolean {
  return cabinetEventKinds.includes(kind);
}

/** Outcome of an event (field 5). */
export const eventResults = { ok: 0, denied: 1 } as const;
export type EventResult = keyof typeof eventResults;
