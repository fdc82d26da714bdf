import type { OnCallContact } from '@portvakt/contract';
import { endOnCallContact } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentContact } from './on-call-contact-presenter';

/** Ends a current on-call contact (kept on record); audited as an update of the company. */
export async function endOnCallContactOf(
  options: WriteOptions<{ companyId: string; contactId: string }>,
): Promise<OnCallContact> {
  const { actor, input, now } = options;
  authorise(actor, 'locksmith_company', 'update');
  return withAuditedTransaction(options, async (client, audit) => {
    const row = await endOnCallContact(client, actor.municipalityId, input.companyId, input.contactId, now);
    if (!row) throw notFound('on-call contact');
    await audit({
      action: 'update',
      entity: 'locksmith_company',
      entityId: row.locksmithCompanyId,
      before: { onCallContact: { id: row.id, endedAt: null } },
      after: { onCallContact: { id: row.id, endedAt: now.toISOString() } },
    });
    return presentContact(row);
  });
}
