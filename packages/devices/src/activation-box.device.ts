// The activation box: a PIN pad and a key slot at the workplace. The PIN is checked by the key
// (it works only on the key it was set for) and then by the issuer against its verifier for that
// key; the issuer answers with a fresh ticket. If the issuer cannot be reached, the key stays
// activated with the ticket it holds, which it may use until that ticket expires (R1.4).
import type { Reason } from '@portvakt/protocol';
import type { HardwareKey } from './hardware-key.device';
import type { IssuerGateway } from './issuer-gateway';
import { IssuerRefusedError, IssuerUnreachableError } from './issuer-gateway';
import { uploadHolderRecords } from './sync-station.device';

export type ActivationOutcome =
  | { isActivated: true; mode: 'online' | 'offline'; ticketExpiresAt: number }
  | { isActivated: false; reason: Reason; attemptsLeft?: number };

export class ActivationBox {
  constructor(
    readonly boxId: Uint8Array,
    private readonly gateway: IssuerGateway,
  ) {}

  /** Runs one activation: PIN on the key, then the issuer; falls back to offline when unreachable. */
  async activate(key: HardwareKey, pin: string): Promise<ActivationOutcome> {
    const local = await key.activateWithPin(pin);
    if (!local.isAccepted)
      return { isActivated: false, reason: local.reason, attemptsLeft: local.attemptsLeft };
    const request = await key.createActivationRequest();
    try {
      await key.installCredentials(await this.gateway.activate({ request, pin, boxId: this.boxId }));
    } catch (error) {
      if (error instanceof IssuerRefusedError) {
        key.deactivate();
        return { isActivated: false, reason: error.reason };
      }
      if (!(error instanceof IssuerUnreachableError)) throw error;
      const held = key.ticket;
      if (!held || held.expiresAt <= key.clock.now()) {
        key.deactivate();
        return { isActivated: false, reason: held ? 'expired' : 'no-ticket' };
      }
      return { isActivated: true, mode: 'offline', ticketExpiresAt: held.expiresAt };
    }
    // Logs out while the key is here; a failed upload keeps them on the key for next time.
    await uploadHolderRecords(key, this.gateway);
    return { isActivated: true, mode: 'online', ticketExpiresAt: key.ticket!.expiresAt };
  }
}
