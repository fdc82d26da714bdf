// "Issue a new key" for a blocked, lost or retired key: the same holder, provider and kind, with
// the serial printed on the new key. It is a plain key registration (POST /keys), so the same
// scope rules apply: a work lead issues keys to their own provider's staff only. The new key is
// then enrolled and activated at the activation box as any new key is.
import { useState } from 'react';
import { keyKinds } from '@portvakt/core';
import { forgetCachedEntities, postApi } from '../shared/api-client';
import { ChoiceField, InputField, requiredFieldProps } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { navigate } from '../shared/router';
import { useSession } from '../accounts';
import type { KeyRow } from './block-key-dialog';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';

export function ReplacementKeyButton({ keyRow }: { keyRow: KeyRow }) {
  const { t, label } = useTranslator();
  const session = useSession();
  const replace = useConfirmedAction();
  const [serial, setSerial] = useState('');
  const [kind, setKind] = useState<string>(keyRow.kind);

  if (keyRow.status === 'active' || !session.can('digital_key', 'create')) return null;

  // The dialog's form, so a refused serial (409 already_exists on `serial`) is named by its label.
  const confirm = async (form: HTMLFormElement) => {
    if (serial.trim().length === 0) return replace.setProblem(say('keys.replaceSerialMissing'));
    await replace.run(async () => {
      const created = await postApi<KeyRow>('/keys', {
        providerId: keyRow.providerId,
        kind,
        serial: serial.trim(),
        ...(keyRow.holderStaffMemberId ? { holderStaffMemberId: keyRow.holderStaffMemberId } : {}),
      });
      forgetCachedEntities('keys');
      navigate(`/keys/${created.id}?issued=1`);
    }, form);
  };

  return (
    <ConfirmedActionButton
      action={replace}
      label={t('keys.replace')}
      tone="primary"
      title={t('keys.replaceTitle', { serial: keyRow.serial })}
      text={
        keyRow.holderName
          ? t('keys.replaceText', { holder: keyRow.holderName })
          : t('keys.replaceTextNoHolder')
      }
      confirmLabel={t('keys.replaceConfirm')}
      onConfirm={confirm}
    >
      <InputField
        name="serial"
        label={t('keys.replaceSerial')}
        hint={t('keys.replaceSerialHint')}
        {...requiredFieldProps(replace.problem, t('keys.replaceSerialMissing'))}
        maxLength={64}
        value={serial}
        onValue={setSerial}
      />
      <ChoiceField
        label={t('common.kind')}
        value={kind}
        values={keyKinds}
        nameOf={(value) => label('keyKind', value)}
        onChoose={setKind}
      />
    </ConfirmedActionButton>
  );
}
