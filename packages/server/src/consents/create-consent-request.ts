import type { ConsentRequest, CreateConsentRequestBody, OwnerContactLogParamsOf } from '@portvakt/contract';
import { isAskableDoorKind, linkExpiry, readConsentSettings, statusWhenAsked } from '@portvakt/core';
import {
  findMunicipality,
  findOwnerContact,
  insertConsentLink,
  insertConsentRequest,
  insertOwnerContactLog,
  lockEntranceStatuses,
  readConsentProperty,
  writeEntranceStatuses,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import type { Mailer } from '../platform/mail';
import { consentRequestMail } from './consent-mail';
import { consentLinkUrl, createConsentToken } from './consent-token';
import { readConsentRequest } from './list-consent-requests';
import { sendOrRefuse } from './send-consent-mail';

const refuse = (
  code:
    | 'property_without_owner'
    | 'contact_of_other_owner'
    | 'contact_without_email'
    | 'no_entrances'
    | 'door_not_askable'
    | 'wrong_property',
  message: string,
  field: string,
) => new ApiError(422, code, message, { field });

/**
 * Asks an owner's contact for consent on a property's entrances (R7.1): the request, its doors,
 * each entrance's status (asked, unless consent already stands), a single-use link (only its
 * hash kept) and a contact-log entry are written, and the mail sent, in one transaction: when
 * the mail cannot be sent, nothing is kept (502 mail_not_sent). Audited as create.
 */
export async function createConsentRequest(
  options: UseCaseOptions<Static<typeof CreateConsentRequestBody>> & {
    now: Date;
    mailer: Mailer;
    publicUrl: string | undefined;
  },
): Promise<ConsentRequest> {
  const { actor, input, now, mailer, publicUrl } = options;
  authorise(actor, 'consent_request', 'create');
  const municipalityId = actor.municipalityId;
  const municipality = await findMunicipality(options.db, municipalityId);
  const settings = readConsentSettings(municipality?.settings);
  const id = await withAuditedTransaction(options, async (client, audit) => {
    const property = await readConsentProperty(client, municipalityId, input.propertyId);
    if (!property) throw notFound('property');
    if (!property.ownerId)
      throw refuse('property_without_owner', 'The property has no owner to ask.', 'propertyId');
    const contact = await findOwnerContact(client, municipalityId, input.contactId);
    if (!contact) throw notFound('contact');
    if (contact.propertyOwnerId !== property.ownerId)
      throw refuse('contact_of_other_owner', 'The contact is not one of the property owner’s.', 'contactId');
    if (!contact.email)
      throw refuse('contact_without_email', 'The contact has no e-mail address.', 'contactId');
    let doors = property.doors.filter((door) => door.kind === 'entrance');
    if (input.doorIds) {
      doors = input.doorIds.map((doorId) => {
        const door = property.doors.find((candidate) => candidate.id === doorId);
        if (!door) throw refuse('wrong_property', 'A door is not on this property.', 'doorIds');
        // Apartment doors are the customer's own consent (R6.2), never the owner's request (R2.7).
        if (!isAskableDoorKind(door.kind))
          throw refuse('door_not_askable', 'Only the building’s shared doors can be asked about.', 'doorIds');
        return door;
      });
    }
    if (doors.length === 0)
      throw refuse('no_entrances', 'The property has no entrances to ask about.', 'propertyId');
    const doorIds = doors.map((door) => door.id);
    const madeId = await insertConsentRequest(client, {
      municipalityId,
      propertyOwnerId: property.ownerId,
      propertyId: property.id,
      contactId: contact.id,
      doorIds,
      createdBy: actor.label,
      at: now,
    });
    const statuses = await lockEntranceStatuses(client, municipalityId, doorIds);
    const changes = doorIds
      .map((doorId) => ({ doorId, status: statusWhenAsked(statuses.get(doorId)!) }))
      .filter((change) => change.status === 'asked');
    await writeEntranceStatuses(client, municipalityId, changes, now);
    const { token, tokenHash } = createConsentToken();
    const expiresAt = linkExpiry(now, settings);
    await insertConsentLink(client, {
      tokenHash,
      requestId: madeId,
      municipalityId,
      createdAt: now,
      expiresAt,
    });
    await insertOwnerContactLog(client, municipalityId, {
      propertyOwnerId: property.ownerId,
      kind: 'email',
      at: now,
      madeBy: actor.label,
      // A fact the console puts into the reader's language (docs/consents.md "Contact log").
      outcomeKind: 'consent_request_sent',
      outcome: '',
      params: {
        contactName: contact.name,
        email: contact.email,
        doorCount: doors.length,
        streetAddress: property.streetAddress,
      } satisfies OwnerContactLogParamsOf<'consent_request_sent'>,
      consentRequestId: madeId,
      recordedBy: actor.label,
      recordedAt: now,
    });
    await audit({
      action: 'create',
      entity: 'consent_request',
      entityId: madeId,
      after: { propertyId: property.id, contactId: contact.id, doorIds, expiresAt: expiresAt.toISOString() },
    });
    await sendOrRefuse(
      mailer,
      consentRequestMail({
        municipalityName: municipality?.name ?? '',
        // As storage names a request's creator (createdByName): the account's name, not a token's.
        handledBy: actor.kind === 'user' ? actor.displayName?.trim() || null : null,
        contactName: contact.name,
        email: contact.email,
        streetAddress: property.streetAddress,
        entranceLabels: doors.map((door) => door.label),
        link: consentLinkUrl(publicUrl, token),
        expiresAt,
      }),
    );
    return madeId;
  });
  return readConsentRequest({ db: options.db, actor, input: { id } });
}
