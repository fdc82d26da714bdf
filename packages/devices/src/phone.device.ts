// The phone app: the key's role, with an app login instead of a PIN at a box. Its device key is a
// non-extractable WebCrypto key, so the private key cannot be copied off the phone. It talks to the
// issuer directly: login fetches credentials, and it uploads records itself.
import type { Reason } from '@portvakt/protocol';
import { decodeChallenge, isProtocolError } from '@portvakt/protocol';
import { Battery, keyBatteryCosts } from './battery';
import type { CredentialHolderConfig } from './credential-holder';
import { CredentialHolder } from './credential-holder';
import type { Lock, OpenResult } from './lock.device';
import type { IssuerGateway, UploadReceipt } from './issuer-gateway';
import { IssuerRefusedError, IssuerUnreachableError } from './issuer-gateway';
import { uploadHolderRecords } from './sync-station.device';

export interface PhoneConfig extends CredentialHolderConfig {
  gateway: IssuerGateway;
}

/** How far a lock's clock may differ from the phone's before the phone asks the issuer to fix it. */
export const clockCheckSeconds = 600;

export type LoginResult = { isLoggedIn: true } | { isLoggedIn: false; reason: Reason };

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
        return { isLoggedIn: false, reason: error.reason };
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
  override async openLock(
    lock: Lock,
  ): Promise<OpenResult | { isOpen: false; reason: 'no-ticket' | 'battery-empty' }> {
    const challenge = lock.issueChallenge();
    if (
      Math.abs(decodeChallenge(challenge).time - this.clock.now()) <= clockCheckSeconds ||
      !this.gateway.attestTime
    )
      return this.openWithChallenge(lock, challenge);
    await this.correctLockClock(lock, challenge);
    return this.openWithChallenge(lock, lock.issueChallenge());
  }

  /** Fetches the issuer's time for the lock's challenge and hands it to the lock. */
  async correctLockClock(lock: Lock, challenge = lock.issueChallenge()): Promise<boolean> {
    if (!this.gateway.attestTime) return false;
    try {
      const attestation = await this.gateway.attestTime({ challenge });
      return (await lock.acceptTimeAttestation(attestation)).isAccepted;
    } catch (error) {
      if (error instanceof IssuerUnreachableError || error instanceof IssuerRefusedError) return false;
      if (isProtocolError(error)) return false;
      throw error;
    }
  }

  /** Uploads its own records and the lock records it carries; keeps them if the issuer is unreachable. */
  async uploadRecords(): Promise<UploadReceipt | undefined> {
    return uploadHolderRecords(this, this.gateway);
  }
}
