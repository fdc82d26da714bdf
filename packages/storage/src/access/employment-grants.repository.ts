import { createRowsQuery } from '../platform/queryable';

/**
 * The staff member's individual grants still running at `instant` or beginning after it, oldest
 * first and locked: those an employment ending at `instant` must end or remove.
 */
export const listGrantsReachingPast = createRowsQuery<
  { id: string; validFrom: Date },
  [municipalityId: string, staffMemberId: string, instant: Date]
>(`SELECT id, valid_from AS "validFrom" FROM access_grant
   WHERE municipality_id = $1 AND staff_member_id = $2 AND valid_until > $3
   ORDER BY valid_from, id FOR UPDATE`);
