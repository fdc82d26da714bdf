// API shapes of the consents capability from storage records (dates as ISO text).
import type { ConsentRequest, OwnerContact } from '@portvakt/contract';
import type { ConsentLinkViewRecord, ConsentRequestRecord, OwnerContactRecord } from '@portvakt/storage';
import type { Scope } from '@portvakt/core';

export function presentOwnerContact(contact: OwnerContactRecord): OwnerContact {
  return {
    ...contact,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
}

export function presentConsentRequest(request: ConsentRequestRecord): ConsentRequest {
  return {
    id: request.id,
    propertyOwnerId: request.propertyOwnerId,
    propertyId: request.propertyId,
    propertyDesignation: request.propertyDesignation,
    streetAddress: request.streetAddress,
    contactId: request.contactId,
    contactName: request.contactName,
    contactEmail: request.contactEmail,
    lastSentAt: request.lastSentAt.toISOString(),
    reminderCount: request.reminderCount,
    answeredAt: request.answeredAt?.toISOString() ?? null,
    createdBy: request.createdBy,
    createdAt: request.createdAt.toISOString(),
    doors: request.doors,
  };
}

/** The owner a scope is limited to, if it is an owner's scope (R2.7: an owner sees only their own). */
export function ownerOfScope(scope: Scope): string | undefined {
  return scope.kind === 'owner' ? scope.propertyOwnerId : undefined;
}

/** Whom a consent request is to and which property it is about, as the e-service and the letter show them. */
export function presentConsentParties(view: ConsentLinkViewRecord) {
  return {
    ownerName: view.ownerName,
    contactName: view.contactName,
    property: {
      designation: view.designation,
      streetAddress: view.streetAddress,
      postalCode: view.postalCode,
      city: view.city,
    },
  };
}
