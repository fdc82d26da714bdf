// Names for what event records carry as ids, for people reading the log on the command line
// (`portvakt events`): the subject asked about, and each record's door.
import type { Queryable } from '../registry';
import type { EventSubjectKind } from './event-query.repository';
import { createLookupByIds, selectFirstRow } from '../platform/queryable';

export interface EventSubjectLabel {
  /** One line naming the subject, e.g. `door "Port A" (entrance), Ekorren 1`. */
  label: string;
}

const subjectSql: Record<EventSubjectKind, string> = {
  lock: `SELECT 'lock ' || l.serial || coalesce(' (no. ' || l.lock_number || ')', '')
           || coalesce(' on door "' || d.label || '"', '') AS label
         FROM lock_device l LEFT JOIN door d ON d.municipality_id = l.municipality_id AND d.id = l.door_id WHERE l.id = $1 AND l.municipality_id = $2`,
  door: `SELECT 'door "' || d.label || '" (' || replace(d.kind, '_', ' ') || '), ' || p.designation || ', ' || p.street_address AS label
         FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id WHERE d.id = $1 AND d.municipality_id = $2`,
  customer: `SELECT 'customer ' || c.given_name || ' ' || c.family_name || ' (every door on the access path)' AS label
         FROM customer c WHERE c.id = $1 AND c.municipality_id = $2`,
  staff: `SELECT 'staff member ' || s.given_name || ' ' || s.family_name || ', ' || p.name AS label
         FROM staff_member s JOIN provider p ON p.municipality_id = s.municipality_id AND p.id = s.provider_id WHERE s.id = $1 AND s.municipality_id = $2`,
  key: `SELECT 'key ' || k.serial || ' (' || replace(k.kind, '_', ' ') || ', ' || k.status || ')'
           || coalesce(' held by ' || s.given_name || ' ' || s.family_name, '') AS label
         FROM digital_key k LEFT JOIN staff_member s ON s.municipality_id = k.municipality_id AND s.id = k.holder_staff_member_id
         WHERE k.id = $1 AND k.municipality_id = $2`,
};

/**
 * The subject of an event query within one municipality, or undefined when there is no such
 * lock, door, customer, staff member or key there. `id` must already be a valid UUID.
 */
export async function findEventSubject(
  db: Queryable,
  municipalityId: string,
  subject: { kind: EventSubjectKind; id: string },
): Promise<EventSubjectLabel | undefined> {
  return selectFirstRow<{ label: string }>(db, subjectSql[subject.kind], [subject.id, municipalityId]);
}

export interface DoorLabel {
  label: string;
  kind: string;
  property: string;
}

/** Label, kind and property of the given doors of one municipality, by door id. */
export const findDoorLabels = createLookupByIds<DoorLabel, [municipalityId: string]>(
  `SELECT d.id, json_build_object('label', d.label, 'kind', d.kind, 'property', p.designation)
   FROM door d JOIN property p ON p.municipality_id = d.municipality_id AND p.id = d.property_id
   WHERE d.municipality_id = $1 AND d.id = ANY($2::uuid[])`,
);
