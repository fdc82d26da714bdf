import type { OnCallContact, OnCallContactBody } from '@portvakt/contract';
import { findLocksmithCompany, insertOnCallContact, withTransaction } from '@portvakt/storage';
import type { Static } from 'typebox';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentContact } from './on-call-contact-presenter';

/** Adds an on-call contact to a locksmith company; audited as an update of the company. */
export async function addOnCallContact({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<{ companyId: string; fields: Static<typeof OnCallContactBody> }> & {
  now: Date;
}): Promise<OnCallContact> {
  authorise(actor, 'locksmith_company', 'update');
  return withTransaction(db, async (client) => {
    const company = await findLocksmithCompany(client, actor.municipalityId, input.companyId);
    if (!company) throw notFound('locksmith company');
    const row = await insertOnCallContact(client, {
      municipalityId: actor.municipalityId,
      companyId: company.id,
      name: input.fields.name.trim(),
      phone: input.fields.phone.trim(),
      email: input.fields.email?.trim() || null,
      callOrder: input.fields.callOrder ?? 1,
      at: now,
    });
    await recordChange(client, actor, {
      action: 'update',
      entity: 'locksmith_company',
      entityId: company.id,
      after: { onCallContactAdded: presentContact(row) },
      requestId,
    });
    return presentContact(row);
  });
}
