import type { PasskeyRegistration, PasskeyRow } from '@portvakt/contract';
import { checkPasskeyName } from '@portvakt/core';
import { insertPasskey } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { verifyRegistrationCeremony } from './passkey-ceremony';
import { requirePersonActor } from './passkey-list';
import type { RelyingParty } from './passkey-relying-party';

/** Registers a passkey for the signed-in person from a verified attestation; audited. */
export async function registerPasskey(
  options: UseCaseOptions<PasskeyRegistration> & { relyingParty: RelyingParty },
): Promise<PasskeyRow> {
  const { db, input, relyingParty } = options;
  const person = requirePersonActor(options.actor);
  const refusal = checkPasskeyName(input.name);
  if (refusal) throw new ApiError(422, refusal.code, refusal.message, { field: 'name' });
  const passkey = await verifyRegistrationCeremony(db, relyingParty, {
    challengeId: input.challengeId,
    purpose: 'register',
    municipalityId: person.municipalityId,
    userId: person.id,
    name: input.name,
    response: input.response,
  });
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
