import { createLookupByIds } from '../platform/queryable';

/**
 * The street address of each customer's home (their residence property), by customer id, for
 * customer rows the caller may already read: a work lead finds a customer by address, though
 * properties themselves are not theirs to read.
 */
export const readResidenceAddresses = createLookupByIds<string, [municipalityId: string]>(
  `SELECT c.id, p.street_address
   FROM customer c JOIN property p ON p.municipality_id = c.municipality_id AND p.id = c.residence_property_id
   WHERE c.municipality_id = $1 AND c.id = ANY($2::uuid[])`,
);
