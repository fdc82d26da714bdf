import { findMunicipality, readConsentLinkView } from '@portvakt/storage';
import type { ReadOptions } from '../platform/context';
import { presentConsentParties } from './consent-presenter';
import { renderConsentLetterPdf } from './consent-letter-pdf';
import { findReadableConsentRequest } from './list-consent-requests';

/** The request's letter (PDF); an owner's login gets its own requests' letters only. */
export async function readConsentLetter(options: ReadOptions<{ id: string }>): Promise<Uint8Array> {
  const { db, actor } = options;
  const request = await findReadableConsentRequest(options);
  const view = await readConsentLinkView(db, actor.municipalityId, request.id);
  const municipality = await findMunicipality(db, actor.municipalityId);
  return renderConsentLetterPdf({
    municipalityName: municipality?.name ?? view.municipalityName,
    ...presentConsentParties(view),
    entrances: view.entrances,
    handledBy: request.createdByName,
    createdAt: request.createdAt,
  });
}
