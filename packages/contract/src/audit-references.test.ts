import { registryEntities } from '@portvakt/core';
import { describe, expect, it } from 'vitest';
import { auditReferenceKinds, findAuditReferenceKind, listAuditReferences } from './audit-references';

const door = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a01';
const provider = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a02';
const customer = '6f1c1b0e-8a55-4d5e-9a0f-2f7d0c6b1a03';

describe('the references in an audit entry', () => {
  it('takes every reference of a registry record from core’s definitions, to the kind it names', () => {
    const references = registryEntities.flatMap((entity) =>
      Object.entries(entity.fields).flatMap(([field, definition]) =>
        definition.kind.type === 'uuid' ? [{ field, kind: definition.kind.references }] : [],
      ),
    );
    expect(references.map(({ field }) => field)).toEqual(
      expect.arrayContaining(['doorId', 'providerId', 'teamId', 'customerId', 'propertyId']),
    );
    for (const { field, kind } of references) {
      expect(auditReferenceKinds, field).toContain(kind);
      expect(findAuditReferenceKind(field), field).toBe(kind);
    }
  });

  it('finds the ids of the fields it knows in before and after, in lists and nested objects, each once', () => {
    expect(
      listAuditReferences(
        { doorId: door, providerId: provider, name: 'Omsorg AB', id: customer },
        {
          doorId: door.toUpperCase(),
          customerIdsLosingAccess: [customer, 'not an id'],
          reasonParams: { targetDoorId: door, note: provider },
        },
      ),
    ).toEqual([
      { kind: 'door', id: door },
      { kind: 'provider', id: provider },
      { kind: 'customer', id: customer },
    ]);
  });

  it('finds who made an API token and the invitation a relative’s account was made with', () => {
    expect(findAuditReferenceKind('createdBy')).toBe('user_account');
    expect(findAuditReferenceKind('invitationId')).toBe('relative_invitation');
    expect(auditReferenceKinds).toContain('relative_invitation');
    // A token's `createdBy` is an account's id; elsewhere the server writes a username there.
    expect(
      listAuditReferences(
        { createdBy: door, role: 'work_lead' },
        { createdBy: 'eva.ek', invitationId: provider },
      ),
    ).toEqual([
      { kind: 'user_account', id: door },
      { kind: 'relative_invitation', id: provider },
    ]);
  });

  it('finds nothing in values that are not ids, nor in fields that name no record', () => {
    expect(listAuditReferences(null, undefined, 'text', { doorId: 'Port A', externalId: door })).toEqual([]);
    expect(findAuditReferenceKind('externalId')).toBeUndefined();
    expect(findAuditReferenceKind('toString')).toBeUndefined();
  });
});
