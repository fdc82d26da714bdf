// An order's row as the API shows it (contract/src/work-orders.ts): the list's summary, and the
// detail with lock, target door, customer and history.
import type { WorkOrderDetail, WorkOrderSummary } from '@portvakt/contract';
import { needsCustomerBooking } from '@portvakt/core';
import type { Row } from '@portvakt/storage';

const summaryFields = [
  'id',
  'reference',
  'kind',
  'state',
  'awaits',
  'origin',
  'doorId',
  'doorLabel',
  'doorKind',
  'propertyId',
  'propertyDesignation',
  'streetAddress',
  'postalCode',
  'city',
  'districtId',
  'lockDeviceId',
  'lockSerial',
  'targetDoorId',
  'assignedUserId',
  'assignedUserName',
  'assignedCompanyId',
  'assignedCompanyName',
  'bookedFrom',
  'bookedUntil',
  'plannedMinutes',
  'version',
  'createdAt',
  'updatedAt',
] as const;

/** The detail's own columns beyond the summary (null when unset). */
const detailFields = [
  'formerReference',
  'stateReason',
  'notes',
  'startedAt',
  'finishedAt',
  'actualMinutes',
  'originalLockStorage',
  'originalLockRestoredAt',
  'floor',
] as const;

/** The row's `fields`, each null when the row has none. */
function pickFields(row: Row, fields: readonly string[]): Row {
  return Object.fromEntries(fields.map((field) => [field, row[field] ?? null]));
}

/** A joined record (its field ← the row's column) when the join found one (`columns.id` set), else null. */
function presentJoined<T>(
  row: Row,
  columns: Record<keyof NonNullable<T>, string> & { id: string },
): T | null {
  if (!row[columns.id]) return null;
  return Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, row[column]])) as T;
}

export function presentWorkOrderSummary(row: Row): WorkOrderSummary {
  return pickFields(row, summaryFields) as WorkOrderSummary;
}

export function presentWorkOrderDetail(row: Row, transitions: Row[]): WorkOrderDetail {
  return {
    ...presentWorkOrderSummary(row),
    ...(pickFields(row, detailFields) as Pick<WorkOrderDetail, (typeof detailFields)[number]>),
    lock: presentJoined<WorkOrderDetail['lock']>(row, {
      id: 'lockDeviceId',
      serial: 'lockSerial',
      lockType: 'lockType',
      status: 'lockStatus',
    }),
    targetDoor: presentJoined<WorkOrderDetail['targetDoor']>(row, {
      id: 'targetDoorId',
      label: 'targetDoorLabel',
      kind: 'targetDoorKind',
      streetAddress: 'targetStreetAddress',
    }),
    customer:
      row.customerId && row.customerName
        ? {
            id: row.customerId as string,
            name: row.customerName as string,
            apartment: (row.customerApartment as string | null) ?? null,
          }
        : null,
    followsUpEmergencies: (row.followsUpEmergencies as string[] | undefined) ?? [],
    needsCustomerBooking: needsCustomerBooking(row as { origin: string; doorKind: string }),
    transitions: transitions as WorkOrderDetail['transitions'],
  };
}
