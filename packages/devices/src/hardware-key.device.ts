// The hardware key: a secure element with a device key, a PIN verifier and a wrong-PIN counter.
// The PIN is typed at an activation box and checked here first (it works only on the key it was
// set for, R1.3); too many wrong PINs lock the key until it is reset at enrolment.
import type { Reason } from '@portvakt/protocol';
import { Battery, keyBatteryCosts } from './battery';
import type { CredentialHolderConfig } from './credential-holder';
import { CredentialHolder } from './credential-holder';
import type { PinVerifier } from './pin';
import { createPinVerifier, isPinCorrect } from './pin';

export interface HardwareKeyConfig extends CredentialHolderConfig {
  /** Consecutive wrong PINs after which the key locks itself. */
  maxPinAttempts?: number;
  pinIterations?: number;
  batteryCapacity?: number;
}

export type PinResult = { isAccepted: true } | { isAccepted: false; reason: Reason; attemptsLeft: number };

export class HardwareKey extends CredentialHolder {
  readonly battery: Battery;
  private verifier: PinVerifier | undefined;
  private wrongPins = 0;
  private isLockedOut = false;

  constructor(config: HardwareKeyConfig) {
    super(config);
    this.battery = new Battery(config.batteryCapacity ?? 20_000, keyBatteryCosts);
  }

  private get maxPinAttempts(): number {
    return (this.config as HardwareKeyConfig).maxPinAttempts ?? 5;
  }

  get isPinLockedOut(): boolean {
    return this.isLockedOut;
  }

  /** Sets the PIN at hand-out (enrolment); also clears a lockout. Only the verifier is kept. */
  async setPin(pin: string): Promise<void> {
    this.verifier = await createPinVerifier(pin, (this.config as HardwareKeyConfig).pinIterations);
    this.wrongPins = 0;
    this.isLockedOut = false;
  }

  /**
   * Activates the key for one shift with its PIN. Works offline: the key then opens with the ticket
   * it already holds until that ticket expires (R1.4). Wrong PINs are counted and recorded; at the
   * limit the key locks itself and drops its activation.
   */
  async activateWithPin(pin: string): Promise<PinResult> {
    if (this.isLockedOut || !this.verifier) {
      await this.record({ kind: 'activation', result: 'denied', reason: 'pin-locked-out' });
      return { isAccepted: false, reason: 'pin-locked-out', attemptsLeft: 0 };
    }
    if (!(await isPinCorrect(pin, this.verifier))) {
      this.wrongPins++;
      await this.record({ kind: 'pin-failed', result: 'denied', reason: 'wrong-pin' });
      if (this.wrongPins >= this.maxPinAttempts) {
        this.isLockedOut = true;
        this.activatedAt = 0;
        await this.record({ kind: 'pin-lockout', result: 'denied', reason: 'pin-locked-out' });
        return { isAccepted: false, reason: 'pin-locked-out', attemptsLeft: 0 };
      }
      return { isAccepted: false, reason: 'wrong-pin', attemptsLeft: this.maxPinAttempts - this.wrongPins };
    }
    this.wrongPins = 0;
    this.activatedAt = this.clock.now();
    await this.record({ kind: 'activation', result: 'ok', reason: 'none' });
    return { isAccepted: true };
  }

  /** Signs the activation request the box forwards to the issuer; only after a correct PIN. */
  async createActivationRequest(): Promise<Uint8Array> {
    if (this.activatedAt === 0) throw new Error('key is not activated');
    return this.signCredentialRequest('activation', this.activatedAt);
  }

  /** Drops the activation, e.g. when the issuer refuses it (blocked key, PIN refused by the server). */
  deactivate(): void {
    this.activatedAt = 0;
  }
}
