// The doors on one customer's way in, as the lock triggers and the lock status read them: a WITH
// clause ending in `doors (door_id, position)`, the access path's doors in order and then the
// apartment door, each door once at its first place. `municipality` and `customer` are the
// statement's placeholders for them. Not exported from the package.
export function withCustomerWayIn(municipality: string, customer: string): string {
  return `WITH path AS (
       SELECT door_id, position FROM access_path_step WHERE municipality_id = ${municipality} AND customer_id = ${customer}
       UNION ALL SELECT apartment_door_id, 1000000 FROM customer
       WHERE municipality_id = ${municipality} AND id = ${customer} AND apartment_door_id IS NOT NULL
     ), doors AS (SELECT door_id, min(position) AS position FROM path GROUP BY door_id)`;
}
