import type { CloseEmergencyBody, EmergencyOpening } from '@portvakt/contract';
import {
  appendSupportCaseNote,
  findEmergencyOpening,
  resolveEmergencySupportCase,
  updateEmergencyOpening,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { noteAuthorOf } from '../support';
import type { WriteOptions } from '../platform/context';
import { checkStep, findEmergencyToChange, versionConflict } from './emergency-access';
import { presentEmergency } from './emergency-presenter';

type StepInput =
  | { id: string; step: 'door_opened'; change: { version: number } }
  | { id: string; step: 'close'; change: Static<typeof CloseEmergencyBody> };

/**
 * Records the door opened (after the locksmith is on site) or closes the emergency with what went
 * wrong (core's emergencyCauses), which resolves its support case. Each is noted on the case's
 * timeline and audited as a transition.
 */
export async function recordEmergencyStep(options: WriteOptions<StepInput>): Promise<EmergencyOpening> {
  const { actor, input, now } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const { row, scope } = await findEmergencyToChange(client, actor, input.id, input.change.version);
    checkStep(row, input.step);
    const author = noteAuthorOf(actor);
    let after: Record<string, unknown>;
    if (input.step === 'door_opened') {
      after = { doorOpenedAt: now.toISOString() };
      const version = await updateEmergencyOpening(client, row.id, row.version, { doorOpenedAt: now });
      if (version === null) throw versionConflict();
      await appendSupportCaseNote(
        client,
        { supportCaseId: row.supportCaseId, kind: 'note', body: 'Dörren öppnad', ...author },
        now,
      );
    } else {
      const { cause } = input.change;
      const note = input.change.note?.trim();
      after = { closedAt: now.toISOString(), cause, ...(note ? { note } : {}) };
      const version = await updateEmergencyOpening(client, row.id, row.version, { closedAt: now, cause });
      if (version === null) throw versionConflict();
      await appendSupportCaseNote(
        client,
        {
          supportCaseId: row.supportCaseId,
          kind: 'note',
          body: `Nödöppningen avslutad, orsak: ${cause}${note ? `. ${note}` : ''}`,
          ...author,
        },
        now,
      );
      const fromStatus = await resolveEmergencySupportCase(client, row.supportCaseId, now);
      if (fromStatus)
        await appendSupportCaseNote(
          client,
          {
            supportCaseId: row.supportCaseId,
            kind: 'status',
            body: 'resolved',
            fromValue: fromStatus,
            toValue: 'resolved',
            ...author,
          },
          now,
        );
    }
    await audit({
      action: 'transition',
      entity: 'emergency_opening',
      entityId: row.id,
      before: { step: input.step, version: row.version },
      after,
    });
    return presentEmergency((await findEmergencyOpening(client, scope, row.id))!, scope, now);
  });
}
