import type { Actor } from '@portvakt/core';
import { isEventSubjectVisible, placeLegalHold as insertLegalHold, withTransaction } from '@portvakt/storage';
import type pg from 'pg';
import { recordChange } from '../audit';
import { authorise } from '../platform/authorise';
import { ApiError } from '../platform/errors';

export interface LegalHoldInput {
  customerId?: string | undefined;
  lockDeviceId?: string | undefined;
  reason: string;
}

/** Keeps a customer's or a lock's events past the retention limit; audited. Returns the hold's id. */
export async function placeLegalHold({
  db,
  actor,
  input,
}: {
  db: pg.Pool;
  actor: Actor;
  input: LegalHoldInput & { requestId: string };
}): Promise<string> {
  authorise(actor, 'legal_hold', 'create');
  const { requestId, ...hold } = input;
  if (!input.customerId === !input.lockDeviceId)
    throw new ApiError(422, 'one_subject', 'Name exactly one of customerId and lockDeviceId.');
  const kind = input.customerId ? 'customer' : 'lock';
  const subject = { kind, id: (input.customerId ?? input.lockDeviceId)! } as const;
  if (!(await isEventSubjectVisible(db, actor.municipalityId, subject)))
    throw new ApiError(422, 'unknown_reference', `No ${kind} with that id.`);
  return withTransaction(db, async (client) => {
    const holdId = await insertLegalHold(client, {
      municipalityId: actor.municipalityId,
      ...(input.customerId ? { customerId: input.customerId } : {}),
      ...(input.lockDeviceId ? { lockDeviceId: input.lockDeviceId } : {}),
      reason: input.reason,
      placedBy: actor.label,
    });
    await recordChange(client, actor, {
      action: 'create',
      entity: 'legal_hold',
      entityId: holdId,
      after: hold,
      requestId,
    });
    return holdId;
  });
}
