// Emergency opening (R9.2, docs/support.md "Emergency opening"): the steps of one emergency, in
// order, and how close an open one is to its deadline. The 60-minute clock runs from the
// locksmith's assignment to on site; the minutes are the municipality setting emergencySlaMinutes.
import type { EmergencyCause } from '../support';
import type { WorkOrderKind } from '../work-orders';

/** The timestamps an emergency has so far. */
export interface EmergencyState {
  assignedAt: Date | null;
  dueAt: Date | null;
  onSiteAt: Date | null;
  doorOpenedAt: Date | null;
  closedAt: Date | null;
}

export const emergencySteps = ['assign', 'arrive', 'door_opened', 'close', 'follow_up'] as const;
export type EmergencyStep = (typeof emergencySteps)[number];

/** Why a step is refused; each is an API error code. */
export type EmergencyStepRefusal =
  | 'emergency_closed'
  | 'emergency_not_closed'
  | 'emergency_already_assigned'
  | 'emergency_not_assigned'
  | 'emergency_not_on_site'
  | 'emergency_already_on_site'
  | 'emergency_door_already_opened';

/**
 * Whether `step` may follow the state. A locksmith is assigned once (the SLA is measured from that
 * assignment, so a reassignment would restart the clock); the door is opened once, after the
 * locksmith is on site; an emergency can be closed at any time before (staff may get in another
 * way) and a follow-up opened only after closing, when the cause that decides its kind is known.
 */
export function judgeEmergencyStep(state: EmergencyState, step: EmergencyStep): EmergencyStepRefusal | null {
  if (step === 'follow_up') return state.closedAt ? null : 'emergency_not_closed';
  if (state.closedAt) return 'emergency_closed';
  switch (step) {
    case 'assign':
      return state.assignedAt ? 'emergency_already_assigned' : null;
    case 'arrive':
      if (!state.assignedAt) return 'emergency_not_assigned';
      return state.onSiteAt ? 'emergency_already_on_site' : null;
    case 'door_opened':
      if (!state.assignedAt) return 'emergency_not_assigned';
      if (!state.onSiteAt) return 'emergency_not_on_site';
      return state.doorOpenedAt ? 'emergency_door_already_opened' : null;
    case 'close':
      return null;
  }
}

/** The deadline of an assignment made `assignedAt` under an SLA of `slaMinutes`. */
export function emergencyDueAt(assignedAt: Date, slaMinutes: number): Date {
  return new Date(assignedAt.getTime() + slaMinutes * 60_000);
}

/** How long an arrival link works: long enough for a late locksmith, never for ever. */
export const arrivalLinkHours = 24;

export function arrivalLinkExpiry(assignedAt: Date): Date {
  return new Date(assignedAt.getTime() + arrivalLinkHours * 3_600_000);
}

/** Minutes left at which an open emergency is flagged on the board and in the list. */
export const emergencyNearMinutes = 15;

export const emergencyDeadlineFlags = ['overdue', 'near'] as const;
export type EmergencyDeadlineFlag = (typeof emergencyDeadlineFlags)[number];

/**
 * `overdue` when the locksmith is not on site and the deadline has passed, `near` when fewer than
 * `emergencyNearMinutes` are left; null once on site, closed, not yet assigned, or with time to spare.
 */
export function flagEmergencyDeadline(state: EmergencyState, now: Date): EmergencyDeadlineFlag | null {
  if (!state.dueAt || state.onSiteAt || state.closedAt) return null;
  const left = state.dueAt.getTime() - now.getTime();
  if (left <= 0) return 'overdue';
  return left < emergencyNearMinutes * 60_000 ? 'near' : null;
}

/** The work order a cause calls for: a battery change for a flat battery, a repair otherwise. */
export function followUpWorkOrderKind(cause: EmergencyCause | null): WorkOrderKind {
  return cause === 'battery' ? 'battery' : 'repair';
}
