import type { ConsentRequest } from '@portvakt/contract';
import { listConsentRequests as listRequests } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { ownerOfScope, presentConsentRequest } from './consent-presenter';

/** Consent requests, newest first; a property owner's login sees only the owner's own. */
export async function listConsentRequests({
  db,
  actor,
  input,
}: ReadOptions<{ propertyOwnerId?: string; propertyId?: string }>): Promise<{ items: ConsentRequest[] }> {
  const scope = authorise(actor, 'consent_request', 'read');
  const own = ownerOfScope(scope);
  if (own && input.propertyOwnerId && input.propertyOwnerId !== own) return { items: [] };
  const requests = await listRequests(db, actor.municipalityId, {
    ...input,
    ...(own ? { propertyOwnerId: own } : {}),
  });
  return { items: requests.map(presentConsentRequest) };
}

/** The request the actor may read; another owner's (for an owner's login) is 404 like one that does not exist. */
export async function findReadableConsentRequest({ db, actor, input }: ReadOptions<{ id: string }>) {
  const own = ownerOfScope(authorise(actor, 'consent_request', 'read'));
  const [request] = await listRequests(db, actor.municipalityId, {
    requestId: input.id,
    ...(own ? { propertyOwnerId: own } : {}),
  });
  if (!request) throw notFound('consent request');
  return request;
}

/** One consent request (findReadableConsentRequest). */
export async function readConsentRequest(options: ReadOptions<{ id: string }>): Promise<ConsentRequest> {
  return presentConsentRequest(await findReadableConsentRequest(options));
}
