// A locksmith company's on-call contacts for emergency opening (R9.2): a setting kept with the
// locksmith company register, so it follows that register's policy (the municipality and its lock
// managers change it; support, installers and auditors read it).
import type { OnCallContact, OnCallContactBody, OnCallContactList } from '@portvakt/contract';
import {
  endOnCallContact,
  findLocksmithCompany,
  insertOnCallContact,
  listOnCallContacts as listRows,
  withTransaction,
  type OnCallContactRecord,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import type { ReadOptions, UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';

function presentContact(row: OnCallContactRecord): OnCallContact {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
  };
}

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
