import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import type { IssuerKeyStore } from './issuer-keys';

/**
 * Retires the municipality's signing key and makes a new one (the old public key stays published
 * until its tickets expire). The rotation and its audit entry are one transaction: a key change
 * the audit trail does not show would be untraceable.
 */
export async function rotateIssuerKey(
  options: UseCaseOptions<undefined> & { issuerKeys: IssuerKeyStore },
): Promise<{ kid: string }> {
  const { actor, issuerKeys } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const kid = await issuerKeys.rotateInTransaction(client, actor.municipalityId);
    await audit({ action: 'rotate', entity: 'issuer_key', entityId: kid });
    return { kid };
  });
}
