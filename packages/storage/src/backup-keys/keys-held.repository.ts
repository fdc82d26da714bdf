// Physical keys still held over time (R11.2): counted from backup_key's received_on and
// returned_on at given days (month ends), in total, per provider and per district (the
// customer's); with the keys returned, the customers whose keys have all gone back, and the
// cabinet takes recorded in each month.
import type pg from 'pg';
import { withTransaction } from '../platform/transaction';

export interface KeysHeldTotals {
  day: string;
  keys: number;
  copies: number;
  customers: number;
  keysReturned: number;
  customersReturned: number;
  cabinetTakes: number;
}

export interface KeysHeldSeriesRow {
  id: string;
  name: string;
  day: string;
  keys: number;
}

export interface KeysHeldCounts {
  totals: KeysHeldTotals[];
  byProvider: KeysHeldSeriesRow[];
  byDistrict: KeysHeldSeriesRow[];
}

/**
 * The counts at each of `days` (ascending YYYY-MM-DD). A key is held at the end of a day when it
 * was received on or before it and not returned by then. "Returned" and "takes" count from the
 * first of the day's month to the day. `providerId` narrows everything to one provider's keys.
 * A take counts when the key was taken, or while its authorisation may still be used: one not
 * taken and authorised before `inForceSince` lapsed unused, cancelled on record yet or not.
 */
export async function readKeysHeldCounts(
  db: pg.Pool,
  municipalityId: string,
  days: readonly string[],
  providerId: string | null,
  inForceSince: Date,
): Promise<KeysHeldCounts> {
  return withTransaction(
    db,
    async (client) => {
      const keys = `WITH days AS (SELECT unnest($2::date[]) AS day),
        keys AS (SELECT * FROM backup_key WHERE municipality_id = $1 AND ($3::uuid IS NULL OR provider_id = $3))`;
      const isHeld = 'k.received_on <= x.day AND (k.returned_on IS NULL OR k.returned_on > x.day)';
      const values = [municipalityId, days, providerId];
      const totals = await client.query<KeysHeldTotals>(
        `${keys}
         SELECT to_char(x.day, 'YYYY-MM-DD') AS day,
           count(k.id) FILTER (WHERE ${isHeld})::integer AS keys,
           coalesce(sum(k.copies) FILTER (WHERE ${isHeld}), 0)::integer AS copies,
           count(DISTINCT k.customer_id) FILTER (WHERE ${isHeld})::integer AS customers,
           count(k.id) FILTER (WHERE k.returned_on BETWEEN date_trunc('month', x.day)::date AND x.day)::integer
             AS "keysReturned",
           (SELECT count(*) FROM (
              SELECT r.customer_id FROM keys r WHERE r.received_on <= x.day GROUP BY r.customer_id
              HAVING bool_and(r.returned_on IS NOT NULL AND r.returned_on <= x.day)) gone)::integer
             AS "customersReturned",
           (SELECT count(*) FROM key_cabinet_take t JOIN keys tk ON tk.id = t.backup_key_id
            WHERE t.municipality_id = $1 AND t.cancelled_at IS NULL
              AND (t.taken_at IS NOT NULL OR t.authorised_at >= $4)
              AND (t.authorised_at AT TIME ZONE 'Europe/Stockholm')::date
                BETWEEN date_trunc('month', x.day)::date AND x.day)::integer AS "cabinetTakes"
         FROM days x LEFT JOIN keys k ON true
         GROUP BY x.day ORDER BY x.day`,
        [...values, inForceSince],
      );
      const series = (join: string, id: string, name: string) =>
        client.query<KeysHeldSeriesRow>(
          `${keys}
           SELECT ${id} AS id, ${name} AS name, to_char(x.day, 'YYYY-MM-DD') AS day,
             count(k.id) FILTER (WHERE ${isHeld})::integer AS keys
           FROM days x CROSS JOIN keys k ${join}
           GROUP BY ${id}, ${name}, x.day ORDER BY ${name}, ${id}, x.day`,
          values,
        );
      const byProvider = await series(
        'JOIN provider p ON p.municipality_id = k.municipality_id AND p.id = k.provider_id',
        'p.id',
        'p.name',
      );
      const byDistrict = await series(
        `JOIN customer c ON c.municipality_id = k.municipality_id AND c.id = k.customer_id
         JOIN district d ON d.municipality_id = c.municipality_id AND d.id = c.district_id`,
        'd.id',
        'd.name',
      );
      return { totals: totals.rows, byProvider: byProvider.rows, byDistrict: byDistrict.rows };
    },
    { mode: 'ISOLATION LEVEL REPEATABLE READ READ ONLY' },
  );
}
