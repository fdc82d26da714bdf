// Finding an emergency inside the actor's scope, and the refusals every step shares.
import { judgeEmergencyStep, type Actor, type EmergencyStep, type Scope } from '@portvakt/core';
import {
  appendSupportCaseNote,
  findEmergencyOpening,
  updateEmergencyOpening,
  type EmergencyChange,
  type EmergencyOpeningRecord,
  type NewSupportCaseNote,
  type Queryable,
} from '@portvakt/storage';
import { authorise } from '../platform/authorise';
import { ApiError, notFound } from '../platform/errors';
import { noteAuthorOf } from '../support';

export function versionConflict(): ApiError {
  return new ApiError(
    409,
    'version_conflict',
    'The emergency was changed by someone else meanwhile; read it again and retry.',
  );
}

const stepMessages = {
  emergency_closed: 'The emergency opening is already closed.',
  emergency_not_closed: 'Close the emergency opening first: its cause decides the follow-up.',
  emergency_already_assigned: 'A locksmith is already assigned; the SLA runs from that assignment.',
  emergency_not_assigned: 'Not yet: no locksmith is assigned to the emergency.',
  emergency_not_on_site:
    'Not yet: the locksmith is not recorded on site, so the door cannot be recorded as opened.',
  emergency_already_on_site: 'The locksmith is already recorded on site.',
  emergency_door_already_opened: 'The door is already recorded as opened.',
} as const;

/** 409 with core's refusal code when `step` may not follow the emergency's state. */
export function checkStep(row: EmergencyOpeningRecord, step: EmergencyStep): void {
  const refusal = judgeEmergencyStep(row, step);
  if (refusal) throw new ApiError(409, refusal, stepMessages[refusal]);
}

/** The emergency, locked, in the scope `actor` may change it in, at `version`; 404 outside it. */
export async function findEmergencyToChange(
  db: Queryable,
  actor: Actor,
  id: string,
  version: number,
): Promise<{ row: EmergencyOpeningRecord; scope: Scope }> {
  const scope = authorise(actor, 'emergency_opening', 'update');
  const row = await findEmergencyOpening(db, scope, id, true);
  if (!row) throw notFound('emergency opening');
  if (row.version !== version) throw versionConflict();
  return { row, scope };
}

/** Changes the emergency at the version it was read at; 409 when someone changed it meanwhile. */
export async function changeEmergency(
  db: Queryable,
  row: Pick<EmergencyOpeningRecord, 'id' | 'municipalityId' | 'version'>,
  change: EmergencyChange,
): Promise<number> {
  const version = await updateEmergencyOpening(db, row.municipalityId, row.id, row.version, change);
  if (version === null) throw versionConflict();
  return version;
}

/** A note by `actor` on the timeline of the emergency's support case. */
export async function noteOnEmergencyCase(
  db: Queryable,
  { supportCaseId, actor, now }: { supportCaseId: string; actor: Actor; now: Date },
  note: Omit<NewSupportCaseNote, 'municipalityId' | 'supportCaseId' | 'authorUserId' | 'author'>,
): Promise<void> {
  await appendSupportCaseNote(
    db,
    { municipalityId: actor.municipalityId, supportCaseId, ...note, ...noteAuthorOf(actor) },
    now,
  );
}
