// A take is bound to one backup key (docs/key-cabinets.md "Takes"): what happens to a key's open
// takes when the key leaves its slot (returned to the customer, moved), and how a take is
// cancelled on record. Called inside the transaction of the key's change, after the key is locked.
import { judgeOpenTakeOfLeavingKey, takeAuthorisationMinutes } from '@portvakt/core';
import { keyTakeLapseAuthor, type SupportCaseNoteParamsOf } from '@portvakt/contract';
import {
  appendSupportCaseNote,
  cancelTake,
  findKeyCabinetName,
  findTake,
  lockOpenTakesOfKey,
  type Queryable,
} from '@portvakt/storage';
import type { RecordAudit } from '../platform/audited-transaction';
import { ApiError } from '../platform/errors';
import { readKeyOutLimitMinutes } from './key-cabinet-access';
import { presentTake } from './key-cabinet-presenter';

/**
 * Cancels a take not yet used (its authorisation lapsed, or its key left the slot, or withdrawn
 * by `withdrawnBy`) and audits the take before and after, so the cancellation is on record with
 * the change that caused it. The support case the take links to learns of it in its timeline
 * (`key_take_withdrawn`, `key_take_lapsed`; docs/support.md "Cases opened by a take"); the case
 * stays open: it is about the failure the take was for, which the withdrawal did not mend.
 */
export async function cancelAuditedTake(
  db: Queryable,
  audit: RecordAudit,
  take: { municipalityId: string; id: string; withdrawnBy?: { label: string; userId: string | null } },
  now: Date,
): Promise<void> {
  const limit = await readKeyOutLimitMinutes(db, take.municipalityId);
  const read = async () => presentTake((await findTake(db, take.municipalityId, take.id))!, now, limit);
  const before = await read();
  await cancelTake(db, take.municipalityId, take.id, now, take.withdrawnBy?.label ?? null);
  if (before.supportCaseId) {
    const cabinet = await findKeyCabinetName(db, take.municipalityId, before.keyCabinetId);
    await appendSupportCaseNote(
      db,
      {
        municipalityId: take.municipalityId,
        supportCaseId: before.supportCaseId,
        kind: take.withdrawnBy ? 'key_take_withdrawn' : 'key_take_lapsed',
        body: '',
        params: {
          keyCabinetName: cabinet ?? '',
          slot: before.slot,
          takeId: before.id,
        } satisfies SupportCaseNoteParamsOf<'key_take_lapsed'>,
        // A lapse is no one's act: the server writes it, whoever's change recorded it.
        authorUserId: take.withdrawnBy?.userId ?? null,
        author: take.withdrawnBy?.label ?? keyTakeLapseAuthor,
      },
      now,
    );
  }
  await audit({
    action: 'update',
    entity: 'key_cabinet_take',
    entityId: take.id,
    before,
    after: await read(),
  });
}

/**
 * Before a held key leaves its slot: 409 key_already_out while the key is out of the cabinet (it
 * goes back in first, so the cabinet's return record closes its take) or while a take of it is
 * authorised and not yet used (not withdrawn under the staff member at the cabinet; it lapses
 * after 15 minutes); a lapsed authorisation is cancelled with the change. Either way no take of
 * this key stays open on a slot another key may be put in.
 */
export async function releaseKeyFromTakes(
  db: Queryable,
  audit: RecordAudit,
  key: { municipalityId: string; backupKeyId: string },
  now: Date,
): Promise<void> {
  for (const take of await lockOpenTakesOfKey(db, key.municipalityId, key.backupKeyId)) {
    const verdict = judgeOpenTakeOfLeavingKey(take, now);
    if (verdict === 'out')
      throw new ApiError(
        409,
        'key_already_out',
        'The key is out of its cabinet: it goes back into its slot before it is returned or moved.',
        { state: 'out', takeId: take.id },
      );
    if (verdict === 'authorised') {
      const lapsesAt = new Date(take.authorisedAt.getTime() + takeAuthorisationMinutes * 60_000);
      throw new ApiError(
        409,
        'key_already_out',
        `A take of the key is authorised and not yet used; it lapses at ${lapsesAt.toISOString()}.`,
        { state: 'authorised', takeId: take.id, lapsesAt: lapsesAt.toISOString() },
      );
    }
    await cancelAuditedTake(db, audit, { municipalityId: key.municipalityId, id: take.id }, now);
  }
}
