// Ingest's key cabinet step (docs/key-cabinets.md "Records"): the cabinet's signed take and return
// records close the server-authorised takes, in the ingest's transaction, like visit derivation.
// A record no take authorised is kept all the same (it is evidence) and becomes a finding.
import {
  projectCabinetRecords,
  type CabinetRecord,
  type EventFindingInput,
  type Queryable,
} from '@portvakt/storage';

type Finding = Omit<EventFindingInput, 'municipalityId' | 'sourceKind' | 'sourceDeviceId'>;

export async function closeCabinetTakesAtIngest(
  db: Queryable,
  municipalityId: string,
  records: CabinetRecord[],
): Promise<Finding[]> {
  if (records.length === 0) return [];
  const { unmatched, otherStaff } = await projectCabinetRecords(db, municipalityId, records);
  const finding = (record: CabinetRecord, message: string): Finding => ({
    kind: 'unauthorised_cabinet_record',
    deviceId: record.keyCabinetId,
    firstSequence: record.sequence,
    lastSequence: record.sequence,
    message: `key cabinet ${record.keyCabinetId}: record ${record.sequence}: ${message}`,
  });
  return [
    ...unmatched.map((record) =>
      finding(
        record,
        record.kind === 'key-taken'
          ? `key taken from slot ${record.slot} without an authorised take`
          : `key returned to slot ${record.slot} with no key out`,
      ),
    ),
    ...otherStaff.map((record) =>
      finding(record, `slot ${record.slot}: the record names someone other than the authorised take`),
    ),
  ];
}
