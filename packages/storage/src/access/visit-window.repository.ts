// What the lock-list compiler needs about customers under visit-window mode for one ticket
// (docs/permissions.md "Visit-window mode"): the planned visits and break-glass windows of the
// staff member's provider around the ticket's validity.
import type { VisitWindowFacts } from '@portvakt/core';
import { namedStatement, type Queryable } from '../platform/queryable';

/**
 * The planned visits and break-glass windows of `providerId` overlapping [from, until) widened by
 * the margin, for windowed customers only: the customer's own setting, else the municipality's
 * (`isEnabledByDefault`), as core's `isVisitWindowed` decides. One statement.
 */
export async function readVisitWindowFacts(
  db: Queryable,
  request: {
    municipalityId: string;
    providerId: string;
    from: Date;
    until: Date;
    marginMinutes: number;
    isEnabledByDefault: boolean;
  },
): Promise<VisitWindowFacts> {
  const margin = request.marginMinutes * 60_000;
  const { rows } = await db.query<{
    isBreakGlass: boolean;
    customerId: string;
    startsAt: Date;
    endsAt: Date;
  }>(
    namedStatement(
      'visit-window-facts',
      `SELECT false AS "isBreakGlass", v.customer_id AS "customerId", v.window_starts_at AS "startsAt",
         v.window_ends_at AS "endsAt"
       FROM planned_visit v JOIN customer c ON c.municipality_id = v.municipality_id AND c.id = v.customer_id
       WHERE v.municipality_id = $1 AND v.provider_id = $2 AND v.window_starts_at < $4 AND v.window_ends_at > $3
         AND coalesce(c.visit_window_mode, $5::boolean)
       UNION ALL
       SELECT true, w.customer_id, w.starts_at, w.ends_at
       FROM break_glass_window w JOIN customer c ON c.municipality_id = w.municipality_id AND c.id = w.customer_id
       WHERE w.municipality_id = $1 AND w.provider_id = $2 AND w.starts_at < $4 AND w.ends_at > $3
         AND coalesce(c.visit_window_mode, $5::boolean)`,
      [
        request.municipalityId,
        request.providerId,
        new Date(request.from.getTime() - margin),
        new Date(request.until.getTime() + margin),
        request.isEnabledByDefault,
      ],
    ),
  );
  const toFact = (row: (typeof rows)[number]) => ({
    customerId: row.customerId,
    providerId: request.providerId,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  });
  return {
    marginMinutes: request.marginMinutes,
    plannedVisits: rows.filter((row) => !row.isBreakGlass).map(toFact),
    breakGlassWindows: rows.filter((row) => row.isBreakGlass).map(toFact),
  };
}
