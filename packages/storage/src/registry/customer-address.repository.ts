import { createLookupByIds } from '../platform/queryable';

/**
 * The street address of each customer's home (their residence property), by customer id, for
 * customer rows the caller may already read: a work lead finds a customer by address, though
 * properties themselves are not theirs to read.
 */
export const readResidenceAddresses = createLookupByIds<string, [municipalityId: string]>(
  // One property read by key per customer: as a join, PostgreSQL hashed every property of the
  // municipality for a page of 50 customers, which cut the customer list's throughput by a third
  // in the load bench (6,030 properties).
  `SELECT c.id,
          (SELECT p.street_address FROM property p
           WHERE p.municipality_id = c.municipality_id AND p.id = c.residence_property_id)
   FROM customer c
   WHERE c.municipality_id = $1 AND c.id = ANY($2::uuid[]) AND c.residence_property_id IS NOT NULL`,
);
