// POST /api/v1/battery-rounds: the due locks of a district (or of the customers a team serves)
// as one batch of battery work orders in visiting order (R2.4, docs/batteries.md). A dry run
// answers the same plan and writes nothing.
import { randomUUID } from 'node:crypto';
import { measurePathKm, needsCustomerBooking, orderRoundStops } from '@portvakt/core';
import type { BatteryRoundPlan } from '@portvakt/contract';
import { insertWorkOrders, listDoorsWithOpenBatteryOrder, type Queryable } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { findDueLocks, type DueLock } from './find-due-locks';
import { checkDueFilter } from './list-battery-forecast';

export interface BatteryRoundInput {
  districtId?: string;
  teamId?: string;
  withinWeeks: number;
  startAt?: string;
  isDryRun: boolean;
}

type Stop = BatteryRoundPlan['stops'][number];

/** Groups due locks by property, most urgent property first, then in visiting order. */
function arrangeStops(due: readonly DueLock[]): Stop[] {
  const byProperty = new Map<string, Stop>();
  for (const { lock, view } of due) {
    let stop = byProperty.get(lock.propertyId);
    if (!stop) {
      stop = {
        propertyId: lock.propertyId,
        designation: lock.propertyDesignation,
        streetAddress: lock.streetAddress,
        latitude: lock.latitude,
        longitude: lock.longitude,
        locks: [],
      };
      byProperty.set(lock.propertyId, stop);
    }
    stop.locks.push({
      lockId: lock.lockId,
      serial: lock.serial,
      doorId: lock.doorId,
      doorKind: lock.doorKind as Stop['locks'][number]['doorKind'],
      doorLabel: lock.doorLabel,
      batteryLevel: lock.batteryLevel,
      dueAt: view.dueAt,
      needsBooking: needsCustomerBooking({ origin: 'battery_round', doorKind: lock.doorKind }),
      workOrderId: null,
      reference: null,
      position: 0,
    });
  }
  const ordered = orderRoundStops(
    [...byProperty.values()].map((stop) => ({ ...stop, id: stop.propertyId, address: stop.streetAddress })),
  );
  let position = 0;
  return ordered.map(({ id: _id, address: _address, ...stop }) => {
    // Shared doors first (no booking needed), then apartment doors, by label.
    stop.locks.sort(
      (a, b) =>
        Number(a.needsBooking) - Number(b.needsBooking) || a.doorLabel.localeCompare(b.doorLabel, 'sv'),
    );
    for (const lock of stop.locks) lock.position = ++position;
    return stop;
  });
}

export async function planBatteryRound(options: WriteOptions<BatteryRoundInput>): Promise<BatteryRoundPlan> {
  const { actor, input, now } = options;
  authorise(actor, 'work_order', 'create');
  if ((input.districtId === undefined) === (input.teamId === undefined))
    throw new ApiError(422, 'district_or_team_required', 'Give either a district or a team.', {
      field: 'districtId',
    });
  const startAt = input.startAt ? new Date(input.startAt) : now;
  const plan = async (db: Queryable) => {
    await checkDueFilter(db, actor.municipalityId, input);
    const due = await findDueLocks(db, actor.municipalityId, {
      withinWeeks: input.withinWeeks,
      ...(input.districtId === undefined ? {} : { districtId: input.districtId }),
      ...(input.teamId === undefined ? {} : { teamId: input.teamId }),
      from: startAt,
      now,
    });
    const ordered = await listDoorsWithOpenBatteryOrder(
      db,
      actor.municipalityId,
      due.locks.map(({ lock }) => lock.doorId),
    );
    const toOrder = due.locks.filter(({ lock }) => !ordered.has(lock.doorId));
    const stops = arrangeStops(toOrder);
    return {
      until: due.until!,
      stops,
      alreadyOrdered: due.locks
        .filter(({ lock }) => ordered.has(lock.doorId))
        .map(({ lock }) => ({ lockId: lock.lockId, serial: lock.serial })),
      lengthKm:
        Math.round(
          measurePathKm(
            stops
              .filter((stop) => stop.latitude !== null)
              .map((stop) => ({ ...stop, id: stop.propertyId, address: stop.streetAddress })),
          ) * 10,
        ) / 10,
    };
  };
  const answer = (made: Awaited<ReturnType<typeof plan>>, batchId: string | null): BatteryRoundPlan => ({
    isDryRun: batchId === null,
    batchId,
    startAt: startAt.toISOString(),
    until: made.until.toISOString(),
    lengthKm: made.lengthKm,
    stops: made.stops,
    alreadyOrdered: made.alreadyOrdered,
  });
  if (input.isDryRun) return answer(await plan(options.db), null);
  return withAuditedTransaction(options, async (client, audit) => {
    const made = await plan(client);
    const locks = made.stops.flatMap((stop) => stop.locks);
    if (locks.length === 0)
      throw new ApiError(422, 'nothing_due', 'No lock of the district or team is due within those weeks.');
    const batchId = randomUUID();
    const orders = await insertWorkOrders(
      client,
      actor.municipalityId,
      locks.map((lock) => ({
        kind: 'battery' as const,
        doorId: lock.doorId,
        lockDeviceId: lock.lockId,
        origin: 'battery_round' as const,
        batchId,
        batchPosition: lock.position,
        // The booking an apartment door needs is the order's fact (`needsCustomerBooking`), worded
        // by the console; notes are left for what people write.
        notes: null,
      })),
      actor.label,
      now,
    );
    const byDoor = new Map(orders.map((order) => [order.doorId, order]));
    for (const lock of locks) {
      const order = byDoor.get(lock.doorId);
      lock.workOrderId = order?.id ?? null;
      lock.reference = order?.reference ?? null;
      if (!order) continue;
      await audit({
        action: 'create',
        entity: 'work_order',
        entityId: order.id,
        after: {
          reference: order.reference,
          kind: 'battery',
          origin: 'battery_round',
          doorId: lock.doorId,
          lockDeviceId: lock.lockId,
          batchId,
          batchPosition: lock.position,
          dueAt: lock.dueAt,
          districtId: input.districtId ?? null,
          teamId: input.teamId ?? null,
        },
      });
    }
    return answer(made, batchId);
  });
}
