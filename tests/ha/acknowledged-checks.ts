// After the failover: is every acknowledged request in the database exactly once? Each check counts
// real rows on the current primary: customers by their unique family name (the marker), records
// by device and sequence, activations by the audit trail's `activate` entries per key.
import type { LoadLedger } from './load-driver';
import { queryOnce } from './cluster-control';

export interface AcknowledgedCheck {
  acknowledged: { customers: number; records: number; activations: number; total: number };
  /** Acknowledged but not in the database. Must be 0. */
  missing: { customers: number; records: number; activations: number; total: number };
  /** In the database more often than requested. Must be 0. */
  duplicates: { customers: number; records: number; activations: number; total: number };
  /** The first few missing or doubled, to show what went wrong. */
  examples: string[];
}

export async function checkAcknowledgedWrites(
  databaseUrl: string,
  municipalityId: string,
  ledger: LoadLedger,
): Promise<AcknowledgedCheck> {
  const examples: string[] = [];
  const note = (line: string) => examples.length < 10 && examples.push(line);

  // Customers: every marker the load used, acknowledged or not. Acknowledged must be there once;
  // an unacknowledged one (the load ended while it was still being retried) at most once.
  const customerRows = await queryOnce<{ family_name: string; n: string }>(
    databaseUrl,
    `SELECT family_name, count(*) AS n FROM customer
      WHERE municipality_id = $1 AND family_name LIKE 'ha-%' GROUP BY family_name`,
    [municipalityId],
  );
  const customerCount = new Map(customerRows.map((row) => [row.family_name, Number(row.n)]));
  let missingCustomers = 0;
  let doubledCustomers = 0;
  for (const write of ledger.customers) {
    const n = customerCount.get(write.marker) ?? 0;
    if (write.isAcknowledged && n === 0) {
      missingCustomers += 1;
      note(`customer ${write.marker}: acknowledged, not stored`);
    }
    if (n > 1) {
      doubledCustomers += n - 1;
      note(`customer ${write.marker}: stored ${n} times (${write.attempts} attempts)`);
    }
  }

  // Records: each acknowledged (device, sequence) once; and no (device, sequence) twice at all.
  const recordRows = await queryOnce<{ device_id: string; sequence: string; n: string }>(
    databaseUrl,
    `SELECT device_id, sequence, count(*) AS n FROM device_event
      WHERE municipality_id = $1 GROUP BY device_id, sequence`,
    [municipalityId],
  );
  const recordCount = new Map(recordRows.map((row) => [`${row.device_id}:${row.sequence}`, Number(row.n)]));
  let missingRecords = 0;
  for (const record of ledger.records)
    if (!recordCount.has(record)) {
      missingRecords += 1;
      note(`record ${record}: acknowledged, not stored`);
    }
  let doubledRecords = 0;
  for (const [record, n] of recordCount)
    if (n > 1) {
      doubledRecords += n - 1;
      note(`record ${record}: stored ${n} times`);
    }

  // Activations: a new activation is a new signed request (its own nonce), not a retry, so per key
  // the audit trail holds at least the acknowledged ones and at most those plus the unanswered.
  const activationRows = await queryOnce<{ entity_id: string; n: string }>(
    databaseUrl,
    `SELECT entity_id, count(*) AS n FROM audit_entry
      WHERE municipality_id = $1 AND action = 'activate' AND entity = 'digital_key' GROUP BY entity_id`,
    [municipalityId],
  );
  const activationCount = new Map(activationRows.map((row) => [row.entity_id, Number(row.n)]));
  let missingActivations = 0;
  let extraActivations = 0;
  let acknowledgedActivations = 0;
  for (const tally of ledger.activations.values()) {
    acknowledgedActivations += tally.acknowledged;
    const n = activationCount.get(tally.keyId) ?? 0;
    if (n < tally.acknowledged) {
      missingActivations += tally.acknowledged - n;
      note(`key ${tally.keyId}: ${tally.acknowledged} activations acknowledged, ${n} in the audit trail`);
    }
    if (n > tally.acknowledged + tally.unanswered) {
      extraActivations += n - tally.acknowledged - tally.unanswered;
      note(
        `key ${tally.keyId}: ${n} activations in the audit trail, only ${tally.acknowledged + tally.unanswered} sent`,
      );
    }
  }

  const acknowledgedCustomers = ledger.customers.filter((write) => write.isAcknowledged).length;
  return {
    acknowledged: {
      customers: acknowledgedCustomers,
      records: ledger.records.size,
      activations: acknowledgedActivations,
      total: acknowledgedCustomers + ledger.records.size + acknowledgedActivations,
    },
    missing: {
      customers: missingCustomers,
      records: missingRecords,
      activations: missingActivations,
      total: missingCustomers + missingRecords + missingActivations,
    },
    duplicates: {
      customers: doubledCustomers,
      records: doubledRecords,
      activations: extraActivations,
      total: doubledCustomers + doubledRecords + extraActivations,
    },
    examples,
  };
}
