import {
  consentReminderJobLabel,
  type ConsentReminderRun,
  type OwnerContactLogParamsOf,
} from '@portvakt/contract';
import {
  isReminderDue,
  linkExpiry,
  maxConsentReminders,
  readConsentSettings,
  reminderCutoff,
  statusWhenReminded,
} from '@portvakt/core';
import {
  appendAudit,
  insertConsentLink,
  insertOwnerContactLog,
  listConsentRequests,
  listDueConsentReminders,
  listMunicipalitiesWaitingForConsent,
  lockConsentRequest,
  lockEntranceStatuses,
  recordConsentReminder,
  tryLockConsentReminders,
  unlockConsentReminders,
  writeEntranceStatuses,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import type { Mailer } from '../platform/mail';
import { consentReminderMail } from './consent-mail';
import { consentLinkUrl, createConsentToken } from './consent-token';

/** A code the console words ('Påminnelsejobbet', 'The reminder job'), not a name. */
export const reminderActorLabel = consentReminderJobLabel;

/**
 * Mails a reminder for every unanswered request whose last mail is `consentReminderDays` old (at
 * most `maxConsentReminders` per request), each with a new single-use link (earlier links keep
 * working until they expire; the first answer uses them all up). Per request one transaction:
 * entrances still waiting become `reminded`, the contact log and the audit trail get an entry,
 * and the mail goes out before it commits, so a mail that fails leaves that request as it was.
 * Several processes may run this: a session advisory lock lets one run and the others skip.
 * `municipalityId` narrows the run to one municipality (the route); the job runs all.
 */
export async function sendConsentReminders({
  pool,
  mailer,
  publicUrl,
  now,
  municipalityId,
  actor = { label: reminderActorLabel, userId: null, tokenId: null, role: null },
  requestId = null,
  log,
}: {
  pool: pg.Pool;
  mailer: Mailer;
  publicUrl: string | undefined;
  now: Date;
  municipalityId?: string;
  actor?: { label: string; userId: string | null; tokenId: string | null; role: string | null };
  requestId?: string | null;
  log?: (error: unknown, requestId: string) => void;
}): Promise<ConsentReminderRun> {
  const client = await pool.connect();
  const run: ConsentReminderRun = { isSkipped: false, reminded: [], failed: [] };
  try {
    if (!(await tryLockConsentReminders(client))) return { ...run, isSkipped: true };
    try {
      const municipalities = (await listMunicipalitiesWaitingForConsent(client)).filter(
        (municipality) => !municipalityId || municipality.id === municipalityId,
      );
      for (const municipality of municipalities) {
        const settings = readConsentSettings(municipality.settings);
        const due = await listDueConsentReminders(
          client,
          municipality.id,
          reminderCutoff(now, settings),
          maxConsentReminders,
        );
        for (const id of due) {
          try {
            const isSent = await withTransaction(client, async (tx) => {
              const locked = await lockConsentRequest(tx, municipality.id, id);
              if (!locked || !isReminderDue(locked, now, settings)) return false;
              const [request] = await listConsentRequests(tx, municipality.id, { requestId: id });
              if (!request?.contactEmail) return false;
              const doorIds = request.doors.map((door) => door.doorId);
              const statuses = await lockEntranceStatuses(tx, municipality.id, doorIds);
              const changes = doorIds
                .map((doorId) => ({
                  doorId,
                  before: statuses.get(doorId)!,
                  status: statusWhenReminded(statuses.get(doorId)!),
                }))
                .filter((change) => change.status !== change.before)
                .map(({ doorId, status }) => ({ doorId, status }));
              await writeEntranceStatuses(tx, municipality.id, changes, now);
              const { token, tokenHash } = createConsentToken();
              const expiresAt = linkExpiry(now, settings);
              await insertConsentLink(tx, {
                tokenHash,
                requestId: id,
                municipalityId: municipality.id,
                createdAt: now,
                expiresAt,
              });
              await recordConsentReminder(tx, municipality.id, id, now);
              await insertOwnerContactLog(tx, municipality.id, {
                propertyOwnerId: request.propertyOwnerId,
                kind: 'email',
                at: now,
                madeBy: actor.label,
                outcomeKind: 'consent_reminder_sent',
                outcome: '',
                params: {
                  reminder: locked.reminderCount + 1,
                  contactName: request.contactName,
                  email: request.contactEmail,
                } satisfies OwnerContactLogParamsOf<'consent_reminder_sent'>,
                consentRequestId: id,
                recordedBy: actor.label,
                recordedAt: now,
              });
              await appendAudit(tx, {
                municipalityId: municipality.id,
                actorUserId: actor.userId,
                actorTokenId: actor.tokenId,
                actorLabel: actor.label,
                actorRole: actor.role,
                action: 'remind',
                entity: 'consent_request',
                entityId: id,
                after: {
                  reminder: locked.reminderCount + 1,
                  expiresAt: expiresAt.toISOString(),
                  reminded: changes.map((change) => change.doorId),
                },
                requestId,
              });
              await mailer.send(
                consentReminderMail({
                  municipalityName: municipality.name,
                  handledBy: request.createdByName,
                  contactName: request.contactName,
                  email: request.contactEmail,
                  streetAddress: request.streetAddress,
                  entranceLabels: request.doors.map((door) => door.label),
                  link: consentLinkUrl(publicUrl, token),
                  expiresAt,
                }),
              );
              return true;
            });
            if (isSent) run.reminded.push(id);
          } catch (error) {
            run.failed.push(id);
            log?.(error, id);
          }
        }
      }
    } finally {
      await unlockConsentReminders(client);
    }
    return run;
  } finally {
    client.release();
  }
}
