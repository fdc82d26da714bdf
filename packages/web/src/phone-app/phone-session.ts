// The phone app's device side: the devices package's `Phone` (the same class the simulations and
// tests run, over packages/protocol) with its non-extractable key, an HTTP issuer gateway to this
// server, and its state saved to IndexedDB after every change, so a reload continues the same
// record chain with the same ticket. A refusal that says the phone is blocked or replaced erases
// everything, after handing over the records it carries. Every contact also tells whether the
// server was reached: the app's one notion of being connected.
import {
  chainStartFrom,
  HttpIssuerGateway,
  IssuerRefusedError,
  isLockLinkError,
  Phone,
  systemWorldClock,
  type HolderOpenResult,
  type VisitCheckResult,
} from '@portvakt/devices';
import {
  createKeyRing,
  exportPublicJwk,
  generateSigningKeyPair,
  hexToBytes,
  importPublicJwk,
  isWithinWindows,
  uuidToBytes,
  verifyTicket,
  type PublicJwk,
  type Reason,
} from '@portvakt/protocol';
import type { PhonePlannedVisitsReply } from '@portvakt/contract';
import { connectLock, type LockLinkKind } from './phone-lock-link';
import {
  erasePhone,
  writeStoredPhone,
  type PhoneDoorInfo,
  type StoredPhone,
  type TrustedIssuerKey,
} from './phone-store';

/**
 * A door the ticket lets the phone open: the lock's number, whether its windows allow it now, and
 * which door it is (from the server while online, kept for offline; undefined before the first).
 */
export interface TicketDoor {
  lock: number;
  isOpenNow: boolean;
  isAlways: boolean;
  info: PhoneDoorInfo | undefined;
}

/** What an opening came to: the lock's verdict, or why the link to it failed. */
export type DoorOpening = HolderOpenResult | { isOpen: false; reason: 'link-failed'; detail: string };

const toBase64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export interface TicketSummary {
  expiresAt: Date;
  shiftEndsAt: Date;
  isActivated: boolean;
  doors: TicketDoor[];
}

/** Refusal codes that mean this phone may never be used again: the key is blocked or unenrolled. */
const erasingCodes: Record<string, 'blocked' | 'revoked'> = {
  'key-blocked': 'blocked',
  // The phone's key is no longer the enrolled one (the enrolment was revoked, or enrolled again on
  // another phone: docs/phone-app.md "First use").
  'key-mismatch': 'revoked',
};

const erasingReasonOf = (code: string) =>
  Object.hasOwn(erasingCodes, code) ? erasingCodes[code] : undefined;

export class PhoneSession {
  private constructor(
    private stored: StoredPhone,
    readonly phone: Phone,
  ) {}

  /** Whether the last contact with the server got an answer (undefined: none made yet). */
  private reach: boolean | undefined;
  private readonly reachListeners = new Set<(isReached: boolean) => void>();

  /**
   * Whether the server answered the phone's last contact: any answer below 500, a refusal too. A
   * failed request or a 5xx (the devices' `IssuerUnreachableError`) is no contact. Undefined
   * before the first.
   */
  get isServerReached(): boolean | undefined {
    return this.reach;
  }

  /** Calls `listener` whenever contact is lost or found again; returns how to stop. */
  onReachChange(listener: (isReached: boolean) => void): () => void {
    this.reachListeners.add(listener);
    return () => this.reachListeners.delete(listener);
  }

  private noteReach(isReached: boolean): void {
    if (this.reach === isReached) return;
    this.reach = isReached;
    for (const listener of this.reachListeners) listener(isReached);
  }

  /**
   * A blocked or replaced phone's end: the ticket goes at once (it opens no door from here), then
   * what the phone carries is handed over (the server takes a replaced or blocked phone's record
   * upload: the locks' records exist nowhere else, a lock hands them over once), then everything
   * is erased. Should the upload fail, the phone stays retired, keeping its records and the key
   * that signs their upload, until they are sent (`finishRetirement`), rather than losing them.
   * Returns 'erased' either way: the phone is out of use, and the app shows which.
   */
  private eraseRefused(reason: 'blocked' | 'revoked'): Promise<'erased'> {
    // Two contacts refused at once (the door list and the planned visits) erase once.
    this.erasing ??= (async () => {
      this.phone.dropCredentials();
      await this.save({ retired: { reason, at: new Date().toISOString() } });
      await this.finishRetirement();
      return 'erased' as const;
    })();
    return this.erasing;
  }

  private erasing: Promise<'erased'> | undefined;

  /** Whether the phone is retired: refused as blocked or replaced, its records not yet sent. */
  get isRetired(): boolean {
    return this.stored.retired !== undefined && !this.isErased;
  }

  /**
   * A retired phone's attempt to hand over its records (on entering the state, then on its screen
   * every half minute and on "Skicka nu"): once they are sent, everything is erased. Returns
   * whether the phone is erased now.
   */
  async finishRetirement(): Promise<boolean> {
    const retired = this.stored.retired;
    if (!retired || this.isErased) return this.isErased;
    // The screen's timer and a press at once make one attempt, and one erasure.
    this.finishing ??= (async () => {
      const isSent = await this.sendRecordsNow().catch(() => false);
      if (isSent) await this.eraseRetired(retired.reason, 0);
      return isSent;
    })().finally(() => {
      this.finishing = undefined;
    });
    return this.finishing;
  }

  private finishing: Promise<boolean> | undefined;

  /**
   * Erases a retired phone whose records cannot be sent, when the holder chooses to (a server that
   * keeps refusing them, a phone to be set up for someone else): the erased screen says how many
   * were not sent, so they are not lost unsaid.
   */
  async eraseRetiredAnyway(): Promise<void> {
    if (!this.stored.retired || this.isErased) return;
    await this.finishing?.catch(() => false);
    if (!this.isErased) await this.eraseRetired(this.stored.retired.reason, this.waitingRecords);
  }

  private async eraseRetired(reason: 'blocked' | 'revoked', unsentRecords: number): Promise<void> {
    this.isErased = true;
    await erasePhone(reason, new Date(), unsentRecords);
  }
  /** Set once erased: a save still under way elsewhere must not write the phone back. */
  private isErased = false;

  /** Makes the phone from what is stored, continuing its saved state. */
  static async open(stored: StoredPhone): Promise<PhoneSession> {
    const ring = createKeyRing(
      await Promise.all(
        stored.issuerKeys.map(
          async (key) => [hexToBytes(key.kid), await importPublicJwk(key.jwk as PublicJwk)] as const,
        ),
      ),
    );
    // The gateway and the phone need each other: a phone's record upload is authenticated by a
    // sync request its own key signs.
    const holder: { phone?: Phone } = {};
    const gateway = new HttpIssuerGateway({
      baseUrl: location.origin,
      createPhoneRequest: () => holder.phone!.createSyncRequest(),
    });
    const phone = new Phone({
      deviceId: uuidToBytes(stored.keyId),
      keyPair: stored.keyPair,
      world: systemWorldClock,
      issuerKeys: ring,
      gateway,
    });
    holder.phone = phone;
    if (stored.holder) await phone.restoreState(stored.holder);
    else {
      // A phone replacing another of the same phone key continues its record chain (a log
      // starting again at 1 would be refused as a fork, docs/event-log.md "Re-enrolment").
      const chainStart = chainStartFrom(stored.chainStart);
      if (chainStart) phone.continueChainAfter(chainStart);
    }
    return new PhoneSession(stored, phone);
  }

  get keyId(): string {
    return this.stored.keyId;
  }

  get record(): StoredPhone {
    return this.stored;
  }

  /** Saves the phone's state with any changes to the stored record. */
  async save(changes: Partial<StoredPhone> = {}): Promise<void> {
    if (this.isErased) return;
    this.stored = { ...this.stored, ...changes, holder: this.phone.saveState() };
    await writeStoredPhone(this.stored);
  }

  /**
   * Logs the staff member in for a shift: a ticket bound to this phone's key. Returns the refusal
   * reason, 'erased' when the issuer said the phone is blocked (then nothing is left), or how
   * many minutes to wait when the account is locked after too many wrong passwords.
   */
  async logIn(
    username: string,
    password: string,
  ): Promise<'ok' | 'erased' | Reason | { lockedForMinutes: number }> {
    const result = await this.phone.login(username, password);
    this.noteReach(result.isLoggedIn || result.reason !== 'issuer-unreachable');
    if (result.isLoggedIn) {
      await this.save({ username, lastActiveAt: Date.now() });
      // The login's own record goes up at once when it can; otherwise it waits in the queue.
      await this.uploadRecords();
      return 'ok';
    }
    const erasing = erasingReasonOf(result.reason);
    if (erasing) return this.eraseRefused(erasing);
    await this.save();
    if (result.retryAfterSeconds) return { lockedForMinutes: Math.ceil(result.retryAfterSeconds / 60) };
    return result.reason;
  }

  async logOut(): Promise<void> {
    this.phone.logout();
    await this.save();
  }

  /** The doors the ticket lets the phone open, read from the ticket itself (verified). */
  async readTicket(): Promise<TicketSummary | undefined> {
    const held = this.phone.ticket;
    if (!held) return undefined;
    const ring = createKeyRing(
      await Promise.all(
        this.stored.issuerKeys.map(
          async (key: TrustedIssuerKey) =>
            [hexToBytes(key.kid), await importPublicJwk(key.jwk as PublicJwk)] as const,
        ),
      ),
    );
    const claims = await verifyTicket(held.bytes, ring).catch(() => undefined);
    const now = this.phone.clock.now();
    const infos = new Map((this.stored.doors ?? []).map((door) => [door.lockNumber, door]));
    return {
      expiresAt: new Date(held.expiresAt * 1000),
      shiftEndsAt: new Date((this.phone.activationTime + held.shiftSeconds) * 1000),
      isActivated: this.phone.isActivated,
      doors: (claims?.locks ?? []).map((grant) => ({
        lock: grant.lock,
        isOpenNow: isWithinWindows(grant, now),
        isAlways: !grant.windows || grant.windows.length === 0,
        info: infos.get(grant.lock),
      })),
    };
  }

  /**
   * Sends the phone's signed sync request to a phone route. The answer's body when the server
   * answered 2xx; 'erased' when it refused the phone as blocked or revoked (the phone is erased
   * then); undefined when it could not be reached or refused for another reason.
   */
  private async askSigned<Body>(path: string): Promise<Body | 'erased' | undefined> {
    if (!this.phone.isActivated) return undefined;
    let response: Response;
    try {
      response = await fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ request: toBase64Url(await this.phone.createSyncRequest()) }),
      });
    } catch {
      this.noteReach(false);
      return undefined;
    }
    this.noteReach(response.status < 500);
    const body = (await response.json().catch(() => ({}))) as Body & { code?: string };
    if (response.ok) return body;
    const erasing = body.code ? erasingReasonOf(body.code) : undefined;
    return erasing ? this.eraseRefused(erasing) : undefined;
  }

  /**
   * Asks the server which lock is which door (POST /api/v1/device/doors, signed by the phone's
   * key) and keeps the answer for offline use. It is also the app's regular contact with the
   * issuer: a phone refused as blocked erases itself here. Returns 'erased', or whether it got
   * an answer.
   */
  async refreshDoors(): Promise<boolean | 'erased'> {
    const answer = await this.askSigned<{ doors?: PhoneDoorInfo[] }>('/api/v1/device/doors');
    if (answer === 'erased' || answer === undefined) return answer ?? false;
    await this.save({ doors: answer.doors ?? [] });
    return true;
  }

  /**
   * Asks the server for today's planned visits at the customers the holder's teams serve
   * (POST /api/v1/device/planned-visits, signed by the phone's key) and keeps the answer with the
   * time it came, so the list can be read offline. Like the door list, a phone refused as blocked
   * erases itself. Returns 'erased', or whether it got an answer.
   */
  async refreshPlannedVisits(): Promise<boolean | 'erased'> {
    const body = await this.askSigned<Partial<PhonePlannedVisitsReply>>('/api/v1/device/planned-visits');
    if (body === 'erased') return body;
    if (!body?.plannedVisits) return false;
    await this.save({
      plannedVisits: {
        day: body.day!,
        timeZone: body.timeZone!,
        plannedVisits: body.plannedVisits,
        fetchedAt: new Date(this.phone.clock.now() * 1000).toISOString(),
      },
    });
    return true;
  }

  /**
   * Opens a door: connects to its lock over the chosen link and runs the protocol (the lock's
   * challenge, a response signed with the non-extractable key, the lock's verdict, block lists
   * both ways and the lock's records carried back), then keeps everything and uploads if it can.
   */
  async openDoor(kind: LockLinkKind, door: PhoneDoorInfo): Promise<DoorOpening> {
    let result: DoorOpening;
    try {
      const link = await connectLock(kind, door.lockId);
      try {
        result = await this.phone.openLock(link);
      } finally {
        await link.close().catch(() => undefined);
      }
    } catch (error) {
      if (!isLockLinkError(error) && !(error instanceof DOMException)) throw error;
      return { isOpen: false, reason: 'link-failed', detail: (error as Error).message };
    }
    await this.save({ lastActiveAt: Date.now() });
    await this.uploadRecords().catch(() => false);
    return result;
  }

  /**
   * Records waiting to upload: the phone's own and those it carries from locks. During an upload
   * the phone has handed them over already, so they count as waiting until the server confirms.
   */
  get waitingRecords(): number {
    if (this.upload) return this.upload.count;
    const state = this.phone.saveState();
    return state.log.lastSequence - state.log.handedOverUpTo + this.phone.carriedRecordCount;
  }

  private upload: { count: number; done: Promise<boolean> } | undefined;

  /**
   * Uploads the queue (idempotent on the server: a record already held counts as a duplicate);
   * one upload at a time. Returns whether it went up; offline it stays queued.
   */
  async uploadRecords(): Promise<boolean> {
    if (this.upload) return this.upload.done;
    const count = this.waitingRecords;
    if (count === 0) return true;
    const done = (async () => {
      try {
        const receipt = await this.phone.uploadRecords();
        this.noteReach(receipt !== undefined);
        return receipt !== undefined;
      } catch (error) {
        if (error instanceof IssuerRefusedError) {
          this.noteReach(true);
          return false;
        }
        throw error;
      } finally {
        this.upload = undefined;
        await this.save();
      }
    })();
    this.upload = { count, done };
    return done;
  }

  /**
   * The user's "Skicka nu": an attempt that starts after the press. An upload already under way
   * may have left before the network came back and fail, so it is awaited and then followed by a
   * fresh one, rather than answering the press with its failure.
   */
  async sendRecordsNow(): Promise<boolean> {
    await this.upload?.done.catch(() => false);
    return this.uploadRecords();
  }

  /** Checks in or out at a customer; a blocked phone is erased. Online only (the issuer decides). */
  async sendVisitCheck(
    action: 'check-in' | 'check-out',
    customerId: string,
  ): Promise<VisitCheckResult | 'erased'> {
    const result =
      action === 'check-in' ? await this.phone.checkIn(customerId) : await this.phone.checkOut(customerId);
    this.noteReach(result.isRegistered || result.code !== 'issuer-unreachable');
    const erasing = result.isRegistered ? undefined : erasingReasonOf(result.code);
    if (erasing) return this.eraseRefused(erasing);
    await this.save({ lastActiveAt: Date.now() });
    return result;
  }
}

/**
 * First use: a new P-256 key pair whose private half can never leave this browser (WebCrypto,
 * not extractable), and its public half for the enrolment.
 */
export async function createPhoneKey(): Promise<{ keyPair: CryptoKeyPair; publicJwk: PublicJwk }> {
  const keyPair = await generateSigningKeyPair(false);
  return { keyPair, publicJwk: await exportPublicJwk(keyPair.publicKey) };
}
