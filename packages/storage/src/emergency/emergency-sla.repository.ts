// The assignments the SLA report counts (R9.2): every emergency assigned in the period, with its
// company and times. The counting itself is core's buildSlaReport.
import type { SlaAssignment } from '@portvakt/core';
import { createRowsQuery } from '../platform/queryable';

/** Emergencies assigned from `from` (inclusive) to `until` (exclusive). */
export const listSlaAssignments = createRowsQuery<
  SlaAssignment,
  [municipalityId: string, from: Date, until: Date]
>(`SELECT e.id AS "emergencyId", s.reference, e.locksmith_company_id AS "locksmithCompanyId",
     lc.name AS "locksmithCompanyName", e.assigned_at AS "assignedAt", e.due_at AS "dueAt",
     e.on_site_at AS "onSiteAt", e.closed_at AS "closedAt"
   FROM emergency_opening e
   JOIN support_case s ON s.municipality_id = e.municipality_id AND s.id = e.support_case_id
   JOIN locksmith_company lc ON lc.municipality_id = e.municipality_id AND lc.id = e.locksmith_company_id
   WHERE e.municipality_id = $1 AND e.assigned_at >= $2 AND e.assigned_at < $3
   ORDER BY e.assigned_at, e.id`);
