import type { Visit } from '@portvakt/contract';

/** The staff members of a day's visits, by name, once each: the timeline's rows and approvals. */
export function listStaff(visits: readonly Visit[]): [string, string][] {
  const staff = new Map<string, string>();
  for (const visit of visits)
    visit.staffMemberIds.forEach((id, i) => staff.set(id, visit.staffNames[i] ?? id));
  return [...staff].sort((a, b) => a[1].localeCompare(b[1], 'sv'));
}
