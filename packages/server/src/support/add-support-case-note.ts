import type { SupportCaseDetail, SupportCaseNoteBody } from '@portvakt/contract';
import { appendSupportCaseNote, withTransaction } from '@portvakt/storage';
import { recordChange } from '../audit';
import type { UseCaseOptions } from '../platform/context';
import { findCaseInScope, readCaseDetail } from './support-case-access';

/**
 * Adds a note to a case's timeline. Whoever may raise cases may write on those of theirs (staff
 * on their own, a property owner on its own); notes never change and never conflict, so they
 * take no version. Audited as a change of the case.
 */
export async function addSupportCaseNote({
  db,
  actor,
  input,
  requestId,
  now,
}: UseCaseOptions<{ id: string; note: SupportCaseNoteBody }> & { now: Date }): Promise<SupportCaseDetail> {
  // Blank text never gets here (400 blank_text at the edge).
  const body = input.note.body.trim();
  return withTransaction(db, async (client) => {
    await findCaseInScope(client, actor, input.id, 'create');
    await appendSupportCaseNote(
      client,
      {
        supportCaseId: input.id,
        kind: 'note',
        body,
        authorUserId: actor.kind === 'user' ? actor.id : null,
        author: actor.label,
      },
      now,
    );
    await recordChange(client, actor, {
      action: 'update',
      entity: 'support_case',
      entityId: input.id,
      after: { note: body },
      requestId,
    });
    return readCaseDetail(client, actor, input.id);
  });
}
