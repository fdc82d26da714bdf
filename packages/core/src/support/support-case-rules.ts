// Support cases (R9.1, docs/support.md): categories, priorities, statuses, and which case may be
// raised when. Outside support hours the only case that can be raised is an emergency opening.
import { randomReferencePattern } from '../platform/random-reference';

export const supportCaseCategories = [
  'lock_fault',
  'key_fault',
  'cannot_get_in',
  'battery',
  'property_owner_question',
  'other',
] as const;
export type SupportCaseCategory = (typeof supportCaseCategories)[number];

export const supportCasePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type SupportCasePriority = (typeof supportCasePriorities)[number];

export const supportCaseStatuses = ['open', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
export type SupportCaseStatus = (typeof supportCaseStatuses)[number];

/**
 * Kinds of entry in a case's timeline. From `arrival_link_mailed` on, each is a fact the server
 * records with its parameters (contract's `supportCaseNoteParams`), put into words by the console
 * in the reader's language: where an emergency's arrival link was mailed, the locksmith on site,
 * the door opened, the emergency closed with its cause, and the follow-up opened; the take of a
 * backup key the case links to withdrawn, or its authorisation lapsed unused (migration 0060).
 * `link` is what a follow-up was before migration 0045.
 */
export const supportCaseNoteKinds = [
  'note',
  'status',
  'priority',
  'assignee',
  'link',
  'arrival_link_mailed',
  'locksmith_on_site',
  'door_opened',
  'emergency_closed',
  'follow_up_opened',
  'key_take_withdrawn',
  'key_take_lapsed',
] as const;
export type SupportCaseNoteKind = (typeof supportCaseNoteKinds)[number];

/**
 * Who wrote a timeline entry: an `actor` (a user or an API token) is named by its label; the
 * `arrival_link` is the locksmith who confirmed arrival through an emergency's single-use link,
 * named by the company (empty when unknown), which the console puts into the reader's language.
 */
export const supportCaseNoteAuthorKinds = ['actor', 'arrival_link'] as const;
export type SupportCaseNoteAuthorKind = (typeof supportCaseNoteAuthorKinds)[number];

/**
 * What a case's title is: `text`, a title as a person (or a client) wrote it; the others are
 * titles the server gives the cases it opens, stored as a kind with parameters (contract's
 * `supportCaseTitleParams`) and put into words in the reader's language (docs/support.md "Support
 * cases"): an emergency opening's case, a case opened by a digital-failure take of a backup key,
 * and an emergency's follow-up case. Before migration 0048 the server wrote these as Swedish text.
 */
export const supportCaseTitleKinds = [
  'text',
  'emergency_opening',
  'backup_key_taken',
  'emergency_follow_up',
] as const;
export type SupportCaseTitleKind = (typeof supportCaseTitleKinds)[number];

/** What went wrong behind an emergency opening or a digital-failure take. */
export const emergencyCauses = [
  'lock_fault',
  'battery',
  'key_fault',
  'phone_fault',
  'other',
  'unknown',
] as const;
export type EmergencyCause = (typeof emergencyCauses)[number];

/** Why a backup key is taken from a cabinet; every reason but `planned` and `other` is a digital failure. */
export const keyTakeReasons = [
  'planned',
  'lock_fault',
  'key_fault',
  'phone_fault',
  'battery',
  'other',
] as const;
export type KeyTakeReason = (typeof keyTakeReasons)[number];

/** Whether a take's reason is a digital failure, which links to (or opens) a support case. */
export function isDigitalFailure(reason: KeyTakeReason): boolean {
  return reason !== 'planned' && reason !== 'other';
}

/** The start of a case's reference: SUP-2027-K7QX4M (core's `makeRandomReference`, migration 0064). */
export const supportCaseReferencePrefix = 'SUP';
/** A reference made since migration 0064, e.g. SUP-2027-K7QX4M. */
export const supportCaseReferencePattern = randomReferencePattern(supportCaseReferencePrefix);

/**
 * Whether a case may be raised now: inside support hours anything; outside them only an
 * emergency opening (R9.1, R9.2).
 */
export function canRaiseSupportCase(options: {
  isEmergency: boolean;
  isWithinSupportHours: boolean;
}): boolean {
  return options.isEmergency || options.isWithinSupportHours;
}

/**
 * Whether a status change of an emergency's own case may be made while its emergency is open:
 * the case is resolved by closing the emergency (docs/support.md "Emergency opening"), so it is
 * never resolved or closed before, which would drop a live emergency from support's worklist.
 */
export function judgeEmergencyCaseStatus(
  status: SupportCaseStatus,
  isEmergencyOpen: boolean,
): 'emergency_not_closed' | null {
  return isEmergencyOpen && (status === 'resolved' || status === 'closed') ? 'emergency_not_closed' : null;
}
