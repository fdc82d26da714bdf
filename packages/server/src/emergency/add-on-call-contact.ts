import type { OnCallContact, OnCallContactBody } from '@portvakt/contract';
import { findLocksmithCompany, insertOnCallContact } from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentContact } from './on-call-contact-presenter';

/** Adds an on-call contact to a locksmith company; audited as an update of the company. */
export async function addOnCallContact(
  options: WriteOptions<{ companyId: string; fields: Static<typeof OnCallContactBody> }>,
): Promise<OnCallContact> {
  const { actor, input, now } = options;
  authorise(actor, 'locksmith_company', 'update');
  return withAuditedTransaction(options, async (client, audit) => {
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
    await audit({
      action: 'update',
      entity: 'locksmith_company',
      entityId: company.id,
      after: { onCallContactAdded: presentContact(row) },
    });
    return presentContact(row);
  });
}
