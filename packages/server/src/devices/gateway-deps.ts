import type { PermissionIndexCache } from '../access';
import type { IssuerKeyStore } from './issuer-keys';

/**
 * Where uploaded record batches go (the event log), received at `now` (the issuer's clock);
 * returns what happened to them.
 */
export type RecordSink = (
  municipalityId: string,
  batches: Uint8Array[],
  source: { kind: 'sync_station' | 'phone' | 'key_cabinet'; deviceId: string },
  now: Date,
) => Promise<{ stored: number; duplicates: number; findings: string[] }>;

/** What the device gateway's use cases need beyond the database. */
export interface GatewayDeps {
  issuerKeys: IssuerKeyStore;
  permissions: PermissionIndexCache;
  recordSink: RecordSink;
}
