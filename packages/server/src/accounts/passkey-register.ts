import type { PasskeyRegistration, PasskeyRow } from '@portvakt/contract';
import { insertPasskey } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { verifyRegistrationCeremony } from './passkey-ceremony';
import { requirePersonActor } from './passkey-list';
import type { RelyingParty } from './passkey-relying-party';

/** Registers a passkey for the signed-in person from a verified attestation; audited. */
export async function registerPasskey(
  options: UseCaseOptions<PasskeyRegistration> & { relyingParty: RelyingParty },
): Promise<PasskeyRow> {
  const { db, input, relyingParty } = options;
  const person = requirePersonActor(options.actor);
  const passkey = await verifyRegistrationCeremony(db, relyingParty, person, 'register', input);
  return withAuditedTransaction(options, async (client, audit) => {
    const row = await insertPasskey(client, passkey);
    await audit({
      action: 'register_passkey',
      entity: 'user_account',
      entityId: person.id,
      after: { passkey: row },
    });
    return row;
  });
}
