import type { Static } from 'typebox';
import type { DigitalKeyRow as DigitalKeyRowSchema } from '@portvakt/contract';
import { useState } from 'react';
import { forgetCachedEntities, patchApi } from '../shared/api-client';
import { TextAreaField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { Notice } from '../shared/states';

export type KeyRow = Static<typeof DigitalKeyRowSchema>;

/**
 * "Block the key" button with its confirmation: the reason is required because it goes into
 * the audit trail, where a later reader needs to know why a key stopped working.
 */
export function BlockKeyButton({
  keyRow,
  onBlocked,
}: {
  keyRow: KeyRow;
  onBlocked: (updated: KeyRow) => void;
}) {
  const { t, describeProblem } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);

  if (keyRow.status === 'blocked') return null;

  const close = () => {
    setIsOpen(false);
    setProblem(undefined);
  };

  const confirm = async () => {
    if (reason.trim().length < 3) {
      setProblem(t('keys.blockReasonMissing'));
      return;
    }
    setIsBusy(true);
    setProblem(undefined);
    try {
      const updated = await patchApi<KeyRow>(`/keys/${keyRow.id}`, {
        status: 'blocked',
        statusReason: reason.trim(),
      });
      forgetCachedEntities('keys');
      setIsBusy(false);
      setIsOpen(false);
      setReason('');
      onBlocked(updated);
    } catch (error) {
      setProblem(describeProblem(error));
      setIsBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setIsOpen(true)}>
        {t('keys.block')}
      </button>
      <ConfirmDialog
        isOpen={isOpen}
        title={t('keys.blockTitle', { serial: keyRow.serial })}
        confirmLabel={t('keys.blockConfirm')}
        isBusy={isBusy}
        onConfirm={() => void confirm()}
        onCancel={close}
      >
        <p>{t('keys.blockText')}</p>
        {problem && <Notice tone="error">{problem}</Notice>}
        <TextAreaField
          label={t('keys.blockReason')}
          hint={t('keys.blockReasonHint')}
          isMarkedRequired
          aria-invalid={problem === t('keys.blockReasonMissing')}
          required
          maxLength={500}
          rows={3}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </ConfirmDialog>
    </>
  );
}
