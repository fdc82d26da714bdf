// An order's row as the API shows it (contract/src/work-orders.ts): the list's summary, and the
// detail with lock, target door, customer and history.
import type { WorkOrderDetail, WorkOrderSummary } from '@portvakt/contract';
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

export function presentWorkOrderSummary(row: Row): WorkOrderSummary {
  return Object.fromEntries(summaryFields.map((field) => [field, row[field] ?? null])) as WorkOrderSummary;
}

export function presentWorkOrderDetail(row: Row, transitions: Row[]): WorkOrderDetail {
  return {
    ...presentWorkOrderSummary(row),
    stateReason: (row.stateReason as string | null) ?? null,
    notes: (row.notes as string | null) ?? null,
    startedAt: (row.startedAt as string | null) ?? null,
    finishedAt: (row.finishedAt as string | null) ?? null,
    actualMinutes: (row.actualMinutes as number | null) ?? null,
    originalLockStorage: (row.originalLockStorage as string | null) ?? null,
    originalLockRestoredAt: (row.originalLockRestoredAt as string | null) ?? null,
    floor: (row.floor as number | null) ?? null,
    lock: row.lockDeviceId
      ? {
          id: row.lockDeviceId as string,
          serial: row.lockSerial as string,
          lockType: row.lockType as string,
          status: row.lockStatus as string,
        }
      : null,
    targetDoor: row.targetDoorId
      ? {
          id: row.targetDoorId as string,
          label: row.targetDoorLabel as string,
          kind: row.targetDoorKind as string,
          streetAddress: row.targetStreetAddress as string,
        }
      : null,
    customer:
      row.customerId && row.customerName
        ? {
            id: row.customerId as string,
            name: row.customerName as string,
            apartment: (row.customerApartment as string | null) ?? null,
          }
        : null,
    transitions: transitions as WorkOrderDetail['transitions'],
  };
}
