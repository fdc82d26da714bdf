// The property owner's consent per entrance (R7.1, docs/consents.md): the statuses an entrance
// goes through, what an answer given in the e-service or recorded by a lock manager makes of the
// status it finds, the settings of links and reminders, and when a reminder is due.
import { readWholeNumberSetting } from '../platform/whole-number-setting';
import type { DatedRefusal } from '../work-orders';

/** Status of one entrance; `not_asked` is an entrance without an entrance_consent row. */
export const entranceConsentStatuses = [
  'not_asked',
  'asked',
  'reminded',
  'consented',
  'declined',
  'withdrawn',
] as const;
export type EntranceConsentStatus = (typeof entranceConsentStatuses)[number];

/** What the owner's contact can answer per entrance in the e-service. */
export const consentAnswers = ['consented', 'declined'] as const;
export type ConsentAnswer = (typeof consentAnswers)[number];

/** How the municipality reached an owner (the contact log). */
export const ownerContactKinds = ['letter', 'call', 'email', 'meeting'] as const;
export type OwnerContactKind = (typeof ownerContactKinds)[number];

/**
 * What a contact-log entry's outcome is: a person's `note`, as they wrote it, or a fact the server
 * records with its parameters (contract's `ownerContactLogParams`) and the console puts into words
 * in the reader's language: a consent request sent, a reminder sent, a withdrawal recorded.
 */
export const ownerContactOutcomeKinds = [
  'note',
  'consent_request_sent',
  'consent_reminder_sent',
  'consent_withdrawn',
] as const;
export type OwnerContactOutcomeKind = (typeof ownerContactOutcomeKinds)[number];

/**
 * How far ahead of the server's clock a contact may be logged: the console sends its own clock's
 * "now", and the console's clock and the server's are not the same clock (a minute, as visits
 * and work shifts allow).
 */
export const contactLogClockGraceMs = 60_000;

/**
 * A contact is logged after it was made: a time after now is a typing error, and in the
 * append-only log (newest first) it would sit at the top for good. Same code as a lock consent's
 * day after today (`date_in_future`).
 */
export function checkContactLogTime(at: Date, now: Date): DatedRefusal | null {
  if (at.getTime() <= now.getTime() + contactLogClockGraceMs) return null;
  return {
    code: 'date_in_future',
    field: 'at',
    message: `The time ${at.toISOString()} is after now (${now.toISOString()}).`,
  };
}

/** Door kinds a consent request may ask about: shared doors of the building, never apartment doors (R2.7). */
export const askableDoorKinds = ['entrance', 'laundry_room', 'waste_room', 'electrical_room'] as const;

export function isAskableDoorKind(kind: string): boolean {
  return (askableDoorKinds as readonly string[]).includes(kind);
}

/**
 * The status an entrance gets when it is asked (again): one not yet consented is asked; a consent
 * given stands until it is withdrawn, so asking again does not undo it.
 */
export function statusWhenAsked(current: EntranceConsentStatus): EntranceConsentStatus {
  return current === 'consented' ? 'consented' : 'asked';
}

/** The status a reminder leaves: only entrances still waiting are reminded. */
export function statusWhenReminded(current: EntranceConsentStatus): EntranceConsentStatus {
  return current === 'asked' || current === 'reminded' ? 'reminded' : current;
}

/**
 * The status an answer leaves. A "no" to an entrance whose consent was given is a withdrawal:
 * it stops new installs there as a refusal does, and the history says consent once stood.
 */
export function statusWhenAnswered(
  current: EntranceConsentStatus,
  answer: ConsentAnswer,
): EntranceConsentStatus {
  if (answer === 'consented') return 'consented';
  return current === 'consented' ? 'withdrawn' : 'declined';
}

export const defaultConsentLinkDays = 30;
export const defaultConsentReminderDays = 14;
/** Reminders per request; after them the lock manager calls or writes (the contact log). */
export const maxConsentReminders = 2;

export interface ConsentSettings {
  linkDays: number;
  reminderDays: number;
}

/** The municipality's consent settings, defaults where unset. */
export function readConsentSettings(settings: Record<string, unknown> | undefined): ConsentSettings {
  return {
    linkDays: readWholeNumberSetting(settings?.consentLinkDays, defaultConsentLinkDays),
    reminderDays: readWholeNumberSetting(settings?.consentReminderDays, defaultConsentReminderDays),
  };
}

const dayMs = 86_400_000;

/** When a link made at `at` stops working. */
export function linkExpiry(at: Date, settings: ConsentSettings): Date {
  return new Date(at.getTime() + settings.linkDays * dayMs);
}

/**
 * Whether a request should be reminded at `now`: unanswered, nothing sent for `reminderDays`, and
 * fewer than the allowed reminders sent.
 */
export function isReminderDue(
  request: { answeredAt: Date | null; lastSentAt: Date; reminderCount: number },
  now: Date,
  settings: ConsentSettings,
): boolean {
  if (request.answeredAt) return false;
  if (request.reminderCount >= maxConsentReminders) return false;
  return now.getTime() - request.lastSentAt.getTime() >= settings.reminderDays * dayMs;
}

/** The instant before which a request's last mail makes a reminder due at `now`. */
export function reminderCutoff(now: Date, settings: ConsentSettings): Date {
  return new Date(now.getTime() - settings.reminderDays * dayMs);
}
