// "Issue a new key" for a blocked, lost or retired key: the same holder, provider and kind, with
// the serial printed on the new key. It is a plain key registration (POST /keys), so the same
// scope rules apply: a work lead issues keys to their own provider's staff only. The new key is
// then enrolled and activated at the activation box as any new key is.
import { useState } from 'react';
import { keyKinds } from '@portvakt/core';
import { forgetCachedEntities, postApi } from '../shared/api-client';
import { InputField, SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { navigate } from '../shared/router';
import { useSession } from '../accounts';
import type { KeyRow } from './block-key-dialog';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { Notice } from '../shared/states';

export function ReplacementKeyButton({ keyRow }: { keyRow: KeyRow }) {
  const { t, label, describeProblem } = useTranslator();
  const session = useSession();
  const [isOpen, setIsOpen] = useState(false);
  const [serial, setSerial] = useState('');
  const [kind, setKind] = useState<string>(keyRow.kind);
  const [problem, setProblem] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);

  if (keyRow.status === 'active' || !session.can('digital_key', 'create')) return null;

  const close = () => {
    setIsOpen(false);
    setProblem(undefined);
  };

  const confirm = async () => {
    if (serial.trim().length === 0) {
      setProblem(t('keys.replaceSerialMissing'));
      return;
    }
    setIsBusy(true);
    setProblem(undefined);
    try {
      const created = await postApi<KeyRow>('/keys', {
        providerId: keyRow.providerId,
        kind,
        serial: serial.trim(),
        ...(keyRow.holderStaffMemberId ? { holderStaffMemberId: keyRow.holderStaffMemberId } : {}),
      });
      forgetCachedEntities('keys');
      setIsBusy(false);
      setIsOpen(false);
      navigate(`/keys/${created.id}?issued=1`);
    } catch (error) {
      setProblem(describeProblem(error));
      setIsBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button-primary" onClick={() => setIsOpen(true)}>
        {t('keys.replace')}
      </button>
      <ConfirmDialog
        isOpen={isOpen}
        title={t('keys.replaceTitle', { serial: keyRow.serial })}
        confirmLabel={t('keys.replaceConfirm')}
        isBusy={isBusy}
        isDanger={false}
        onConfirm={() => void confirm()}
        onCancel={close}
      >
        <p>
          {keyRow.holderName
            ? t('keys.replaceText', { holder: keyRow.holderName })
            : t('keys.replaceTextNoHolder')}
        </p>
        {problem && <Notice tone="error">{problem}</Notice>}
        <InputField
          label={t('keys.replaceSerial')}
          hint={t('keys.replaceSerialHint')}
          isMarkedRequired
          aria-invalid={problem === t('keys.replaceSerialMissing')}
          required
          maxLength={64}
          value={serial}
          onChange={(event) => setSerial(event.target.value)}
        />
        <SelectField label={t('common.kind')} value={kind} onChange={(event) => setKind(event.target.value)}>
          {keyKinds.map((value) => (
            <option key={value} value={value}>
              {label('keyKind', value)}
            </option>
          ))}
        </SelectField>
      </ConfirmDialog>
    </>
  );
}
