// What a visit's history says of each version (docs/visits.md "Corrections"): the fields a
// version changed from the one before, the first version's all of them.
import type { VisitDetail } from '@portvakt/contract';

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
