import type { AssignEmergencyBody, EmergencyAssignment } from '@portvakt/contract';
import { arrivalLinkExpiry, emergencyDueAt, readSupportSettings } from '@portvakt/core';
import {
  findEmergencyOpening,
  findLocksmithCompany,
  insertArrivalLink,
  listOnCallContacts,
  type OnCallContactRecord,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError, notFound } from '../platform/errors';
import type { Mailer } from '../platform/mail';
import { readMunicipalitySettings } from '../platform/municipality-settings';
import { arrivalLinkUrl, createArrivalToken } from './arrival-token';
import { changeEmergency, checkStep, findEmergencyToChange, noteOnEmergencyCase } from './emergency-access';
import { arrivalMail } from './emergency-mail';
import { presentEmergency } from './emergency-presenter';

/**
 * Support assigns a locksmith company contracted for emergency opening (422
 * locksmith_not_contracted otherwise). The SLA deadline is fixed now: the assignment plus the
 * municipality's emergencySlaMinutes (60). A single-use arrival link is made (only its hash kept)
 * and returned once, so support can read it out by phone; after the commit it is mailed to the
 * company's on-call contacts with an e-mail address. A mail that fails does not undo the
 * assignment (the locksmith is called anyway): the answer and the case's timeline
 * (`arrival_link_mailed` with the addresses) say who got it, and so whether nobody did.
 */
export async function assignEmergencyLocksmith(
  options: UseCaseOptions<{ id: string; change: Static<typeof AssignEmergencyBody> }> & {
    now: Date;
    mailer: Mailer;
    publicUrl: string | undefined;
  },
): Promise<EmergencyAssignment> {
  const { actor, input, now, mailer, publicUrl } = options;
  const municipalityId = actor.municipalityId;
  const settings = readSupportSettings(await readMunicipalitySettings(options.db, municipalityId));
  const made = await withAuditedTransaction(options, async (client, audit) => {
    const { row, scope } = await findEmergencyToChange(client, actor, input.id, input.change.version);
    checkStep(row, 'assign');
    const company = await findLocksmithCompany(client, municipalityId, input.change.locksmithCompanyId);
    if (!company) throw notFound('locksmith company');
    if (!company.isEmergencyContracted)
      throw new ApiError(
        422,
        'locksmith_not_contracted',
        'The locksmith company has no emergency opening contract.',
        { field: 'locksmithCompanyId' },
      );
    const dueAt = emergencyDueAt(now, settings.emergencySlaMinutes);
    const version = await changeEmergency(client, row, {
      locksmithCompanyId: company.id,
      assignedAt: now,
      assignedBy: actor.label,
      dueAt,
    });
    const { token, tokenHash } = createArrivalToken();
    await insertArrivalLink(client, {
      municipalityId: row.municipalityId,
      tokenHash,
      emergencyId: row.id,
      createdAt: now,
      expiresAt: arrivalLinkExpiry(now),
    });
    await noteOnEmergencyCase(
      client,
      { supportCaseId: row.supportCaseId, actor, now },
      // A code like every assignee entry's (the deadline is the emergency's own `dueAt`).
      { kind: 'assignee', body: 'assigned', toValue: company.name },
    );
    await audit({
      action: 'assign',
      entity: 'emergency_opening',
      entityId: row.id,
      before: { locksmithCompanyId: null, version: row.version },
      after: {
        locksmithCompanyId: company.id,
        assignedAt: now.toISOString(),
        dueAt: dueAt.toISOString(),
        slaMinutes: settings.emergencySlaMinutes,
        version,
      },
    });
    const contacts = await listOnCallContacts(client, municipalityId, company.id);
    const assigned = await findEmergencyOpening(client, scope, row.id);
    return { assigned: assigned!, scope, contacts, companyName: company.name, token, dueAt };
  });
  const link = arrivalLinkUrl(publicUrl, made.token);
  const { mailedTo, mailFailedTo } = await mailContacts(mailer, made.contacts, (contact) =>
    arrivalMail({
      to: contact.email!,
      contactName: contact.name,
      companyName: made.companyName,
      reference: made.assigned.reference,
      streetAddress: made.assigned.streetAddress,
      doorLabel: made.assigned.doorLabel,
      dueAt: made.dueAt,
      link,
    }),
  );
  await noteOnEmergencyCase(
    options.db,
    { supportCaseId: made.assigned.supportCaseId, actor, now },
    // A fact, not a sentence: the console says it in the reader's language, and warns when
    // nobody got the link.
    { kind: 'arrival_link_mailed', body: '', params: { mailedTo, mailFailedTo } },
  );
  return {
    emergency: presentEmergency(made.assigned, made.scope, now),
    arrivalUrl: link,
    mailedTo,
    mailFailedTo,
  };
}

async function mailContacts(
  mailer: Mailer,
  contacts: readonly OnCallContactRecord[],
  compose: (contact: OnCallContactRecord) => Parameters<Mailer['send']>[0],
): Promise<{ mailedTo: string[]; mailFailedTo: string[] }> {
  const mailedTo: string[] = [];
  const mailFailedTo: string[] = [];
  for (const contact of contacts) {
    if (!contact.email) continue;
    try {
      await mailer.send(compose(contact));
      mailedTo.push(contact.email);
    } catch {
      mailFailedTo.push(contact.email);
    }
  }
  return { mailedTo, mailFailedTo };
}
