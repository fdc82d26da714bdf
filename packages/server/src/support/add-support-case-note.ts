import type { SupportCaseDetail, SupportCaseNoteBody } from '@portvakt/contract';
import { appendSupportCaseNote } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { findCaseInScope, readCaseDetail, noteAuthorOf } from './support-case-access';

/**
 * Adds a note to a case's timeline. Whoever may raise cases may write on those of theirs (staff
 * on their own, a property owner on its own); notes never change and never conflict, so they
 * take no version. Audited as a change of the case.
 */
export async function addSupportCaseNote(
  options: WriteOptions<{ id: string; note: SupportCaseNoteBody }>,
): Promise<SupportCaseDetail> {
  const { actor, input, now } = options;
  // Blank text never gets here (400 blank_text at the edge).
  const body = input.note.body.trim();
  return withAuditedTransaction(options, async (client, audit) => {
    await findCaseInScope(client, actor, input.id, 'create');
    await appendSupportCaseNote(
      client,
      {
        municipalityId: actor.municipalityId,
        supportCaseId: input.id,
        kind: 'note',
        body,
        ...noteAuthorOf(actor),
      },
      now,
    );
    await audit({
      action: 'update',
      entity: 'support_case',
      entityId: input.id,
      after: { note: body },
    });
    return readCaseDetail(client, actor, input.id);
  });
}
