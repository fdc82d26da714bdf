import type { CloseEmergencyBody, EmergencyOpening, SupportCaseNoteParamsOf } from '@portvakt/contract';
import { findEmergencyOpening, resolveEmergencySupportCase } from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { WriteOptions } from '../platform/context';
import { changeEmergency, checkStep, findEmergencyToChange, noteOnEmergencyCase } from './emergency-access';
import { presentEmergency } from './emergency-presenter';

type StepInput =
  | { id: string; step: 'door_opened'; change: { version: number } }
  | { id: string; step: 'close'; change: Static<typeof CloseEmergencyBody> };

/**
 * Records the door opened (after the locksmith is on site) or closes the emergency with what went
 * wrong (core's emergencyCauses), which resolves its support case. Each is an entry on the case's
 * timeline (`door_opened`, `emergency_closed` with its cause and note) and audited as a transition.
 */
export async function recordEmergencyStep(options: WriteOptions<StepInput>): Promise<EmergencyOpening> {
  const { actor, input, now } = options;
  return withAuditedTransaction(options, async (client, audit) => {
    const { row, scope } = await findEmergencyToChange(client, actor, input.id, input.change.version);
    checkStep(row, input.step);
    const onCase = { supportCaseId: row.supportCaseId, actor, now };
    let after: Record<string, unknown>;
    if (input.step === 'door_opened') {
      after = { doorOpenedAt: now.toISOString() };
      await changeEmergency(client, row, { doorOpenedAt: now });
      await noteOnEmergencyCase(client, onCase, { kind: 'door_opened', body: '' });
    } else {
      const { cause } = input.change;
      const note = input.change.note?.trim();
      after = { closedAt: now.toISOString(), cause, ...(note ? { note } : {}) };
      await changeEmergency(client, row, { closedAt: now, cause });
      // The cause is a code the console names in the reader's language; the note stays as written.
      const params: SupportCaseNoteParamsOf<'emergency_closed'> = { cause, note: note || null };
      await noteOnEmergencyCase(client, onCase, { kind: 'emergency_closed', body: '', params });
      const fromStatus = await resolveEmergencySupportCase(
        client,
        row.municipalityId,
        row.supportCaseId,
        now,
      );
      if (fromStatus)
        await noteOnEmergencyCase(client, onCase, {
          kind: 'status',
          body: 'resolved',
          fromValue: fromStatus,
          toValue: 'resolved',
        });
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
