// An emergency as the API shows it. An installer (the locksmith company) sees the door and the
// address it must reach, not who lives there, who reported it or which provider they work for.
import type { EmergencyOpening } from '@portvakt/contract';
import { flagEmergencyDeadline, type Scope } from '@portvakt/core';
import type { EmergencyOpeningRecord } from '@portvakt/storage';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export function presentEmergency(row: EmergencyOpeningRecord, scope: Scope, now: Date): EmergencyOpening {
  const isLocksmith = scope.kind === 'assignee';
  return {
    id: row.id,
    supportCaseId: row.supportCaseId,
    reference: row.reference,
    customerId: isLocksmith ? null : row.customerId,
    customerName: isLocksmith ? null : row.customerName,
    doorId: row.doorId,
    doorLabel: row.doorLabel,
    doorKind: row.doorKind as EmergencyOpening['doorKind'],
    streetAddress: row.streetAddress,
    lockId: row.lockId,
    lockSerial: row.lockSerial,
    providerId: isLocksmith ? null : row.providerId,
    providerName: isLocksmith ? null : row.providerName,
    description: isLocksmith ? null : row.description,
    reportedAt: row.reportedAt.toISOString(),
    reportedBy: isLocksmith ? '' : row.reportedBy,
    reportedByName: isLocksmith ? null : row.reportedByName,
    locksmithCompanyId: row.locksmithCompanyId,
    locksmithCompanyName: row.locksmithCompanyName,
    assignedAt: iso(row.assignedAt),
    assignedBy: row.assignedBy,
    dueAt: iso(row.dueAt),
    onSiteAt: iso(row.onSiteAt),
    doorOpenedAt: iso(row.doorOpenedAt),
    closedAt: iso(row.closedAt),
    cause: row.cause,
    followUpWorkOrderId: row.followUpWorkOrderId,
    followUpWorkOrderReference: row.followUpWorkOrderReference,
    followUpCaseId: row.followUpCaseId,
    followUpCaseReference: row.followUpCaseReference,
    deadline: flagEmergencyDeadline(row, now),
    version: row.version,
  };
}
