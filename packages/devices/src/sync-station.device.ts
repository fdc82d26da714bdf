// The sync station: permissions in, logs out (R1.7). A docked key uploads its own records and the
// lock records it carries, gets a fresh ticket and the newest block list. Activation is not
// touched: a sync never replaces the PIN.
import { encodeRecordBatch } from '@portvakt/protocol';
import type { Reason } from '@portvakt/protocol';
import type { CredentialHolder } from './credential-holder';
import type { IssuerGateway, UploadReceipt } from './issuer-gateway';
import { IssuerRefusedError, IssuerUnreachableError } from './issuer-gateway';

/**
 * Uploads a holder's own and carried records. Records leave the holder only once the issuer has
 * confirmed them; on failure they stay for the next station.
 */
export async function uploadHolderRecords(
  holder: CredentialHolder,
  gateway: IssuerGateway,
): Promise<UploadReceipt | undefined> {
  const carried = holder.takeCarriedRecords();
  const own = await holder.exportOwnRecords();
  try {
    const receipt = await gateway.uploadRecords([own.batch, ...carried].map(encodeRecordBatch));
    holder.confirmOwnRecords(own.upTo);
    return receipt;
  } catch (error) {
    holder.restoreCarriedRecords(carried);
    if (error instanceof IssuerUnreachableError) return undefined;
    throw error;
  }
}

export type SyncOutcome =
  { isSynced: true; receipt: UploadReceipt } | { isSynced: false; reason: Reason; receipt?: UploadReceipt };

export class SyncStation {
  constructor(
    readonly stationId: Uint8Array,
    private readonly gateway: IssuerGateway,
  ) {}

  async sync(holder: CredentialHolder): Promise<SyncOutcome> {
    const receipt = await uploadHolderRecords(holder, this.gateway);
    if (!receipt) return { isSynced: false, reason: 'issuer-unreachable' };
    try {
      const request = await holder.createSyncRequest();
      await holder.installCredentials(await this.gateway.sync({ request, stationId: this.stationId }));
    } catch (error) {
      if (error instanceof IssuerRefusedError) return { isSynced: false, reason: error.reason, receipt };
      if (error instanceof IssuerUnreachableError)
        return { isSynced: false, reason: 'issuer-unreachable', receipt };
      throw error;
    }
    return { isSynced: true, receipt };
  }
}
