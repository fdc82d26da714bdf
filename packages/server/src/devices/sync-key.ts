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
}): Promise<IssuedCredentials> {
  const municipalityId = options.actor.enrolment.municipalityId;
  const now = options.deps.now?.();
  const key = await authenticateKey(options.db, options.input.request, 'sync', {
    municipalityId,
    now: now?.getTime(),
  });
  return issueCredentials(options.db, options.deps, {
    municipalityId,
    digitalKeyId: key.enrolment.digitalKeyId!,
    isActivation: false,
    ...(now ? { now } : {}),
  });
}
