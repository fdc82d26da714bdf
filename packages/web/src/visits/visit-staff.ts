import type { Visit, WorkShift } from '@portvakt/contract';

/**
 * The staff members of a day's visits and shifts, by name, once each: the timeline's rows and
 * approvals (a staff member with a shift and no visit still has a day to look at).
 */
export function listStaff(visits: readonly Visit[], shifts: readonly WorkShift[] = []): [string, string][] {
  const staff = new Map<string, string>();
  for (const visit of visits)
    visit.staffMemberIds.forEach((id, i) => staff.set(id, visit.staffNames[i] ?? id));
  for (const shift of shifts)
    if (!staff.has(shift.staffMemberId)) staff.set(shift.staffMemberId, shift.staffName);
  return [...staff].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
}
