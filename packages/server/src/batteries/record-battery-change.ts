// POST /api/v1/locks/{id}/battery-changes: a battery changed by an installer, by the home-care
// team at a visit (S4 step 6) or under a work order. Whoever may update locks records it
// (admins, lock managers, installers, municipality-wide: a change is a fact about the lock, and
// the home-care team's changes reach the record through them). The forecast starts over from it.
import {
  checkBatteryChange,
  findEntity as findEntityDefinition,
  type BatteryChangeDoer,
} from '@portvakt/core';
import type { BatteryChange } from '@portvakt/contract';
import { findEntity, hasMunicipalityRow, insertBatteryChange } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError, notFound, throwIfRefused } from '../platform/errors';
import { presentBatteryChange } from './list-battery-changes';

const lockEntity = findEntityDefinition('lock_device');

export interface BatteryChangeInput {
  id: string;
  changedAt: string;
  doneBy: BatteryChangeDoer;
  teamId?: string | null;
  workOrderId?: string | null;
  levelBefore?: number | null;
  note?: string | null;
}

export async function recordBatteryChange(options: WriteOptions<BatteryChangeInput>): Promise<BatteryChange> {
  const { actor, input, now } = options;
  const scope = authorise(actor, 'lock_device', 'update');
  const changedAt = new Date(input.changedAt);
  throwIfRefused(
    checkBatteryChange(
      { changedAt: changedAt.getTime(), doneBy: input.doneBy, teamId: input.teamId ?? null },
      now.getTime(),
    ),
  );
  return withAuditedTransaction(options, async (client, audit) => {
    if (!(await findEntity(client, lockEntity, scope, input.id))) throw notFound(lockEntity.label);
    for (const [table, id, field] of [
      ['team', input.teamId, 'teamId'],
      ['work_order', input.workOrderId, 'workOrderId'],
    ] as const)
      if (id && !(await hasMunicipalityRow(client, table, actor.municipalityId, id)))
        throw new ApiError(422, 'unknown_reference', `No such ${table.replace('_', ' ')}.`, { field });
    const change = await insertBatteryChange(
      client,
      actor.municipalityId,
      {
        lockDeviceId: input.id,
        changedAt,
        doneBy: input.doneBy,
        teamId: input.teamId ?? null,
        workOrderId: input.workOrderId ?? null,
        levelBefore: input.levelBefore ?? null,
        note: input.note?.trim() || null,
      },
      actor.label,
      now,
    );
    const view = presentBatteryChange(change);
    await audit({ action: 'create', entity: 'battery_change', entityId: change.id, after: view });
    return view;
  });
}
