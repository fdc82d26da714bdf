import type { OnCallContact } from '@portvakt/contract';
import { endOnCallContact, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentContact } from './on-call-contact-presenter';

/** Ends a current on-call contact (kept on record); audited as an update of the company. */
export async function endOnCallContactOf({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<{ companyId: string; contactId: string }> & { now: Date }): Promise<OnCallContact> {
  authorise(actor, 'locksmith_company', 'update');
  return withTransaction(db, async (client) => {
    const row = await endOnCallContact(client, actor.municipalityId, input.companyId, input.contactId, now);
    if (!row) throw notFound('on-call contact');
    await recordChange(client, actor, {
      action: 'update',
      entity: 'locksmith_company',
      entityId: row.locksmithCompanyId,
      before: { onCallContact: { id: row.id, endedAt: null } },
      after: { onCallContact: { id: row.id, endedAt: now.toISOString() } },
      requestId,
    });
    return presentContact(row);
  });
}
