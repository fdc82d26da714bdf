import { appendAudit, type Queryable } from '@portvakt/storage';

/** Records what a device did on a key (activation, PIN, phone login) in the audit trail. */
export async function recordDeviceEvent(
  db: Queryable,
  municipalityId: string,
  event: { action: string; keyId: string; deviceLabel: string; after?: unknown },
): Promise<void> {
  await appendAudit(db, {
    municipalityId,
    actorLabel: event.deviceLabel,
    action: event.action,
    entity: 'digital_key',
    entityId: event.keyId,
    after: event.after,
    source: 'device',
  });
}
