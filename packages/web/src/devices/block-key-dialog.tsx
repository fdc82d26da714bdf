import type { Static } from 'typebox';
import type { DigitalKeyRow as DigitalKeyRowSchema } from '@portvakt/contract';
import { useState } from 'react';
import { forgetCachedEntities, patchApi } from '../shared/api-client';
import { requiredFieldProps, TextAreaField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';

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
  const { t } = useTranslator();
  const block = useConfirmedAction();
  const [reason, setReason] = useState('');

  if (keyRow.status === 'blocked') return null;

  const confirm = async () => {
    if (reason.trim().length < 3) return block.setProblem(t('keys.blockReasonMissing'));
    await block.run(async () => {
      const updated = await patchApi<KeyRow>(`/keys/${keyRow.id}`, {
        status: 'blocked',
        statusReason: reason.trim(),
      });
      forgetCachedEntities('keys');
      setReason('');
      onBlocked(updated);
    });
  };

  return (
    <ConfirmedActionButton
      action={block}
      label={t('keys.block')}
      tone="danger"
      title={t('keys.blockTitle', { serial: keyRow.serial })}
      text={t('keys.blockText')}
      confirmLabel={t('keys.blockConfirm')}
      onConfirm={confirm}
    >
      <TextAreaField
        label={t('keys.blockReason')}
        hint={t('keys.blockReasonHint')}
        {...requiredFieldProps(block.problem, t('keys.blockReasonMissing'))}
        maxLength={500}
        rows={3}
        value={reason}
        onValue={setReason}
      />
    </ConfirmedActionButton>
  );
}
