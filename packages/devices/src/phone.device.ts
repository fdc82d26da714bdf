// The phone app: the key's role, with an app login instead of a PIN at a box. Its device key is a
// non-extractable WebCrypto key, so the private key cannot be copied off the phone. It talks to the
// issuer directly: login fetches credentials, it uploads records itself, and it checks in and out
// at customers without a lock (signed visit checks).
import type { Reason, VisitCheckAction } from '@portvakt/protocol';
import {
  decodeChallenge,
  isProtocolError,
  randomBytes,
  signVisitCheck,
  uuidToBytes,
} from '@portvakt/protocol';
import { Battery, keyBatteryCosts } from './battery';
import type { CredentialHolderConfig, HolderOpenResult } from './credential-holder';
import { CredentialHolder } from './credential-holder';
import type { LockOrLink } from './lock-link';
import { toLockLink } from './lock-link';
import type { IssuerGateway, UploadReceipt, VisitReceipt } from './issuer-gateway';
import { IssuerRefusedError, IssuerUnreachableError } from './issuer-gateway';
import { uploadHolderRecords } from './sync-station.device';

export interface PhoneConfig extends CredentialHolderConfig {
  gateway: IssuerGateway;
}

/** How far a lock's clock may differ from the phone's before the phone asks the issuer to fix it. */
export const clockCheckSeconds = 600;

/**
 * A login's outcome. `retryAfterSeconds` comes with a refusal for now (the account is locked
 * after too many wrong passwords): the same password may work once that time has passed.
 */
export type LoginResult =
  { isLoggedIn: true } | { isLoggedIn: false; reason: Reason; retryAfterSeconds?: number };

/**
 * What a check-in or check-out came to: the visit as the issuer registered it, or the refusal's
 * code as the issuer sent it (e.g. `not_permitted`, `visit_already_open`, `no_open_visit`,
 * `login-required`, `stale-challenge`; `issuer-unreachable` when it could not be reached).
 */
export type VisitCheckResult =
  | {
      isRegistered: true;
      visitId: string;
      state: VisitReceipt['state'];
      arrival: Date;
      departure: Date | null;
    }
  | { isRegistered: false; code: string; message: string };

export class Phone extends CredentialHolder {
  readonly battery = new Battery(1_000_000, keyBatteryCosts);
  private readonly gateway: IssuerGateway;

  constructor(config: PhoneConfig) {
    super(config);
    this.gateway = config.gateway;
  }

  /**
   * Logs in to the app: the issuer checks the account and that this phone install is enrolled to
   * it and not blocked, then issues a ticket; the login time is the activation time. A refusal
   * (e.g. blocked phone) also drops the activation the phone had.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const time = this.clock.now();
    const request = await this.signCredentialRequest('login', time);
    try {
      await this.installCredentials(await this.gateway.login({ request, username, password }));
    } catch (error) {
      if (error instanceof IssuerUnreachableError) {
        await this.record({ kind: 'activation', result: 'denied', reason: 'issuer-unreachable' });
        return { isLoggedIn: false, reason: 'issuer-unreachable' };
      }
      if (error instanceof IssuerRefusedError) {
        this.activatedAt = 0;
        await this.record({ kind: 'activation', result: 'denied', reason: error.reason });
        const { retryAfterSeconds } = error;
        return {
          isLoggedIn: false,
          reason: error.reason,
          ...(retryAfterSeconds ? { retryAfterSeconds } : {}),
        };
      }
      throw error;
    }
    this.activatedAt = time;
    await this.record({ kind: 'activation', result: 'ok', reason: 'none' });
    return { isLoggedIn: true };
  }

  logout(): void {
    this.activatedAt = 0;
  }

  /**
   * Opens a lock like a key does, but first repairs the lock's clock when it is more than
   * `clockCheckSeconds` off the phone's (e.g. someone set it forward, so it would refuse every
   * ticket as expired): the phone fetches the issuer's signed time for the lock's challenge.
   */
  override async openLock(lock: LockOrLink): Promise<HolderOpenResult> {
    const link = toLockLink(lock);
    const challenge = await link.issueChallenge();
    if (
      Math.abs(decodeChallenge(challenge).time - this.clock.now()) <= clockCheckSeconds ||
      !this.gateway.attestTime
    )
      return this.openWithChallenge(link, challenge);
    await this.correctLockClock(link, challenge);
    return this.openWithChallenge(link, await link.issueChallenge());
  }

  /**
   * Fetches the issuer's time for the lock's challenge (a fresh one when none is given) and hands
   * it to the lock.
   */
  async correctLockClock(lock: LockOrLink, challenge?: Uint8Array): Promise<boolean> {
    if (!this.gateway.attestTime) return false;
    const link = toLockLink(lock);
    try {
      const attestation = await this.gateway.attestTime({
        challenge: challenge ?? (await link.issueChallenge()),
      });
      return (await link.acceptTimeAttestation(attestation)).isAccepted;
    } catch (error) {
      if (error instanceof IssuerUnreachableError || error instanceof IssuerRefusedError) return false;
      if (isProtocolError(error)) return false;
      throw error;
    }
  }

  /**
   * Checks in at a customer without a lock (or who refused one): the issuer opens a visit with
   * source `phone` if the staff member may serve that customer now. Needs the app's login (the
   * issuer checks it); online only.
   */
  async checkIn(customerId: string): Promise<VisitCheckResult> {
    return this.sendVisitCheck('check-in', customerId);
  }

  /** Checks out at the customer: the issuer completes the open check-in there. */
  async checkOut(customerId: string): Promise<VisitCheckResult> {
    return this.sendVisitCheck('check-out', customerId);
  }

  /**
   * Signs a visit check with the phone's own key: a fresh nonce, the phone's clock, the action
   * and the customer (docs/protocol.md §7.1). What `checkIn` and `checkOut` send.
   */
  async signVisitCheck(action: VisitCheckAction, customerId: string): Promise<Uint8Array> {
    this.battery.drain('sign');
    return signVisitCheck(
      {
        keyId: this.deviceId,
        nonce: randomBytes(16),
        time: this.clock.now(),
        action,
        customer: uuidToBytes(customerId),
      },
      this.config.keyPair.privateKey,
    );
  }

  /** Sends a signed visit check as it is (tests send one twice to show it is refused). */
  async sendSignedVisitCheck(action: VisitCheckAction, request: Uint8Array): Promise<VisitCheckResult> {
    const gateway = this.gateway;
    if (!gateway.checkInVisit || !gateway.checkOutVisit)
      return { isRegistered: false, code: 'issuer-unreachable', message: 'No visit registration.' };
    try {
      const receipt =
        action === 'check-in'
          ? await gateway.checkInVisit({ request })
          : await gateway.checkOutVisit({ request });
      return {
        isRegistered: true,
        visitId: receipt.visitId,
        state: receipt.state,
        arrival: new Date(receipt.arrival),
        departure: receipt.departure === null ? null : new Date(receipt.departure),
      };
    } catch (error) {
      if (error instanceof IssuerUnreachableError)
        return { isRegistered: false, code: 'issuer-unreachable', message: error.message };
      if (error instanceof IssuerRefusedError)
        return { isRegistered: false, code: error.code, message: error.message };
      throw error;
    }
  }

  private async sendVisitCheck(action: VisitCheckAction, customerId: string): Promise<VisitCheckResult> {
    return this.sendSignedVisitCheck(action, await this.signVisitCheck(action, customerId));
  }

  /** Uploads its own records and the lock records it carries; keeps them if the issuer is unreachable. */
  async uploadRecords(): Promise<UploadReceipt | undefined> {
    return uploadHolderRecords(this, this.gateway);
  }
}
