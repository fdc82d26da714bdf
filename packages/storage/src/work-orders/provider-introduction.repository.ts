// Providers taken into use for a customer's locks (R8.4): one row per customer and provider.
import { createExistenceCheck, createFirstRowQuery, type Queryable } from '../platform/queryable';

export interface ProviderIntroductionRow {
  customerId: string;
  providerId: string;
  providerName: string;
  introducedOn: string;
  recordedBy: string;
  recordedAt: Date;
}

// Every use filters by the municipality as $1.
const select = `SELECT i.customer_id AS "customerId", i.provider_id AS "providerId", p.name AS "providerName",
  to_char(i.introduced_on, 'YYYY-MM-DD') AS "introducedOn", i.recorded_by AS "recordedBy", i.recorded_at AS "recordedAt"
  FROM provider_introduction i JOIN provider p ON p.municipality_id = i.municipality_id AND p.id = i.provider_id
  WHERE i.municipality_id = $1`;

/** Records an introduction; undefined when this provider was already introduced to the customer. */
export async function insertProviderIntroduction(
  db: Queryable,
  introduction: {
    municipalityId: string;
    customerId: string;
    providerId: string;
    introducedOn: string;
    recordedBy: string;
    recordedAt: Date;
  },
): Promise<ProviderIntroductionRow | undefined> {
  const { rowCount } = await db.query(
    `INSERT INTO provider_introduction (municipality_id, customer_id, provider_id, introduced_on, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (municipality_id, customer_id, provider_id) DO NOTHING`,
    [
      introduction.municipalityId,
      introduction.customerId,
      introduction.providerId,
      introduction.introducedOn,
      introduction.recordedBy,
      introduction.recordedAt,
    ],
  );
  if (rowCount !== 1) return undefined;
  return findProviderIntroduction(
    db,
    introduction.municipalityId,
    introduction.customerId,
    introduction.providerId,
  );
}

export const findProviderIntroduction = createFirstRowQuery<
  ProviderIntroductionRow,
  [municipalityId: string, customerId: string, providerId: string]
>(`${select} AND i.customer_id = $2 AND i.provider_id = $3`);

/** Introductions of the municipality, of one customer and/or one provider when given. */
export async function listProviderIntroductions(
  db: Queryable,
  municipalityId: string,
  filter: { customerId?: string; providerId?: string; servingFrom?: string },
): Promise<ProviderIntroductionRow[]> {
  // `servingFrom`: only customers the provider serves on that day or has a service agreed to start
  // later (a work lead's own; a former customer is no longer theirs to know of).
  const { rows } = await db.query<ProviderIntroductionRow>(
    `${select} AND ($2::uuid IS NULL OR i.customer_id = $2)
       AND ($3::uuid IS NULL OR i.provider_id = $3)
       AND ($4::date IS NULL OR EXISTS (SELECT 1 FROM customer_service cs
             WHERE cs.municipality_id = $1 AND cs.customer_id = i.customer_id
               AND cs.provider_id = i.provider_id AND (cs.ends_on IS NULL OR cs.ends_on >= $4::date)))
     ORDER BY i.introduced_on DESC, p.name, i.customer_id LIMIT 1000`,
    [municipalityId, filter.customerId ?? null, filter.providerId ?? null, filter.servingFrom ?? null],
  );
  return rows;
}

export async function deleteProviderIntroduction(
  db: Queryable,
  municipalityId: string,
  customerId: string,
  providerId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'DELETE FROM provider_introduction WHERE municipality_id = $1 AND customer_id = $2 AND provider_id = $3',
    [municipalityId, customerId, providerId],
  );
  return rowCount === 1;
}

/** Whether the provider serves the customer on `day` or has a service agreed to start later. */
export const isProviderServingFrom = createExistenceCheck<
  [municipalityId: string, customerId: string, providerId: string, day: string]
>(`SELECT 1 FROM customer_service WHERE municipality_id = $1 AND customer_id = $2 AND provider_id = $3
   AND (ends_on IS NULL OR ends_on >= $4::date) LIMIT 1`);
