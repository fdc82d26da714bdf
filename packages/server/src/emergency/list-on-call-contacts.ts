import type { OnCallContactList } from '@portvakt/contract';
import { findLocksmithCompany, listOnCallContacts as listRows } from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import type { ReadOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import { presentContact } from './on-call-contact-presenter';

/** A locksmith company's current on-call contacts in call order, and whether it is contracted. */
export async function listOnCallContacts({
  db,
  actor,
  input,
}: ReadOptions<{ companyId: string }>): Promise<OnCallContactList> {
  authorise(actor, 'locksmith_company', 'read');
  const company = await findLocksmithCompany(db, actor.municipalityId, input.companyId);
  if (!company) throw notFound('locksmith company');
  const rows = await listRows(db, actor.municipalityId, company.id);
  return {
    locksmithCompanyId: company.id,
    locksmithCompanyName: company.name,
    isEmergencyContracted: company.isEmergencyContracted,
    items: rows.map(presentContact),
  };
}
