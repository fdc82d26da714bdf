// What a visit's history says of each version (docs/visits.md "Console"): the fields a version
// changed from the one before (the first version's all of them), who made it, and what its times
// rest on.
import type { VisitDetail } from '@portvakt/contract';
import { lockVisitAuthor } from '@portvakt/core';
import type { Translator } from '../shared/i18n';
import { sayCount } from '../shared/say-count';

export type VisitVersion = VisitDetail['versions'][number];

/** The fields of a version the history shows, in the order it shows them. */
export const versionFields = [
  'customerId',
  'arrival',
  'departure',
  'staffMemberIds',
  'services',
  'state',
] as const;
export type VersionField = (typeof versionFields)[number];

/** Staff and services are sets: the same people in another order changed nothing. */
const comparable = (value: unknown) => (Array.isArray(value) ? [...(value as string[])].sort() : value);
const isSameValue = (a: unknown, b: unknown) =>
  JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

/** The fields `version` set differently from `previous`; every field for the first version. */
export function listChangedFields(version: VisitVersion, previous: VisitVersion | undefined): VersionField[] {
  if (!previous) return [...versionFields];
  return versionFields.filter((field) => !isSameValue(version[field], previous[field]));
}

/** Who made a version: the lock or the phone for a signed record, else the account's name. */
export function sayAuthor(t: Translator['t'], version: VisitVersion): string {
  if (version.createdBy === lockVisitAuthor) return t('visits.versionByLock');
  if (version.createdBy === 'phone') return t('visits.versionByPhone');
  return version.createdByName ?? version.createdBy;
}

/**
 * What a version's arrival and departure each rest on: a signed lock record, a phone's signed
 * request, or a person (a corrected time names no record; the version before keeps it).
 */
export function sayEvidence(translator: Translator, version: VisitVersion): string {
  const { t } = translator;
  const sayRole = (role: 'arrival' | 'departure') => {
    if (role === 'departure' && !version.departure) return t('visits.versionNoDeparture');
    const record = version.evidence.find((evidence) => evidence.role === role);
    if (!record) return t('visits.restsOnPerson');
    return t(record.kind === 'lock_record' ? 'visits.restsOnLockRecord' : 'visits.restsOnPhoneRequest');
  };
  const restsOn = t('visits.versionRestsOn', {
    arrival: sayRole('arrival'),
    departure: sayRole('departure'),
  });
  // A phone visit's own key turns at the door confirm it without being its times (docs/visits.md).
  const turns = version.evidence.filter((evidence) => evidence.role === 'confirmation').length;
  return turns === 0 ? restsOn : `${restsOn} ${sayCount(translator, 'visits.confirmedByLock', turns)}`;
}
