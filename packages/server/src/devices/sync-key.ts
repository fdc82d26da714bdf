import type { Queryable } from '@portvakt/storage';
import { authenticateKey, type AuthenticatedDevice } from './device-authentication';
import { issueCredentials, type IssuedCredentials } from './credentials';
import type { GatewayDeps } from './gateway-deps';

/** A key at a sync station (`actor`) gets a fresh ticket within its activation and the block list. */
export async function syncKey(options: {
  db: Queryable;
  deps: GatewayDeps;
  actor: AuthenticatedDevice;
  input: { request: Uint8Array };
  /** The issuer's clock (`readClock`). */
  now: Date;
}): Promise<IssuedCredentials> {
  const { now } = options;
  const municipalityId = options.actor.enrolment.municipalityId;
  const key = await authenticateKey(options.db, options.input.request, 'sync', { municipalityId, now });
  return issueCredentials(options.db, options.deps, {
    municipalityId,
    digitalKeyId: key.enrolment.digitalKeyId!,
    isActivation: false,
    now,
  });
}
