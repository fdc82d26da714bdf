import { findMunicipality, listConsentRequests, readConsentLinkView } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { ownerOfScope, presentConsentParties } from './consent-presenter';
import { renderConsentLetterPdf } from './consent-letter-pdf';

/** The request's letter (PDF); an owner's login gets its own requests' letters only. */
export async function readConsentLetter({
  db,
  actor,
  input,
}: ReadOptions<{ id: string }>): Promise<Uint8Array> {
  const scope = authorise(actor, 'consent_request', 'read');
  const own = ownerOfScope(scope);
  const [request] = await listConsentRequests(db, actor.municipalityId, {
    requestId: input.id,
    ...(own ? { propertyOwnerId: own } : {}),
  });
  if (!request) throw notFound('consent request');
  const view = await readConsentLinkView(db, request.id);
  const municipality = await findMunicipality(db, actor.municipalityId);
  return renderConsentLetterPdf({
    municipalityName: municipality?.name ?? view.municipalityName,
    ...presentConsentParties(view),
    entrances: view.entrances,
    handledBy: request.createdBy,
    createdAt: request.createdAt,
  });
}
