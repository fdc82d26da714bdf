import type { Queryable } from '@portvakt/storage';
import { authenticateDevice, authenticateKey, type SignedHttpRequest } from './device-authentication';
import type { RecordSink } from './gateway-deps';

/**
 * A sync station, an activation box (keys hand over their records wherever they meet the server),
 * a key cabinet (its own records) or a phone (signing a sync credential request) uploads
 * event-record batches; each is verified and stored once by the event log.
 */
export async function uploadRecords(options: {
  db: Queryable;
  recordSink: RecordSink;
  request: SignedHttpRequest;
  input: { batches: Uint8Array[]; phoneRequest?: Uint8Array | undefined };
  /** The issuer's clock (`readClock`): the device's time is checked against it, the batches received at it. */
  now: Date;
}): Promise<Awaited<ReturnType<RecordSink>>> {
  const { db, input, now } = options;
  let source: { kind: 'sync_station' | 'phone' | 'key_cabinet'; deviceId: string; municipalityId: string };
  if (input.phoneRequest) {
    // A replaced phone still hands over what it carries (docs/phone-app.md "First use"): the locks'
    // batches are verified by the locks' own signatures, and its own batch, signed with the key the
    // enrolment no longer holds, is kept as a finding with its bytes, not stored (event-log.md
    // "Re-enrolment"). The openings it carries exist nowhere else: a lock hands its records over once.
    const phone = (await authenticateKey(db, input.phoneRequest, 'sync', { now, isReplacedAccepted: true }))
      .enrolment;
    source = { kind: 'phone', deviceId: phone.id, municipalityId: phone.municipalityId };
  } else {
    const station = (
      await authenticateDevice(db, options.request, ['sync_station', 'activation_box', 'key_cabinet'], {
        now,
      })
    ).enrolment;
    source = {
      kind: station.kind === 'key_cabinet' ? 'key_cabinet' : 'sync_station',
      deviceId: station.id,
      municipalityId: station.municipalityId,
    };
  }
  return options.recordSink(
    source.municipalityId,
    input.batches,
    { kind: source.kind, deviceId: source.deviceId },
    now,
  );
}
