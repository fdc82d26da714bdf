import type { Static } from 'typebox';
import type { DigitalKeyRow as DigitalKeyRowSchema } from '@portvakt/contract';
import { useState, type ReactNode } from 'react';
import { forgetCachedEntities, patchApi } from '../shared/api-client';
import { requiredFieldProps, TextAreaField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { ConfirmedActionButton, useConfirmedAction, type ConfirmedAction } from '../shared/confirm-dialog';

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
  const markLost = useConfirmedAction();
  const [reason, setReason] = useState('');

  if (keyRow.status === 'blocked' || keyRow.status === 'lost') return null;

  const blockWith = (action: ConfirmedAction, status: 'blocked' | 'lost', statusReason: string) =>
    action.run(async () => {
      const updated = await patchApi<KeyRow>(`/keys/${keyRow.id}`, { status, statusReason });
      forgetCachedEntities('keys');
      setReason('');
      onBlocked(updated);
    });
  const confirm = async () => {
    if (reason.trim().length < 3) return block.setProblem(say('keys.blockReasonMissing'));
    await blockWith(block, 'blocked', reason.trim());
  };

  // Both ways of blocking are asked alike; only their words and how the reason is given differ.
  const blockButton = (
    action: ConfirmedAction,
    words: 'block' | 'phoneLost',
    onConfirm: () => Promise<void>,
    reasonField?: ReactNode,
  ) => (
    <ConfirmedActionButton
      action={action}
      label={t(`keys.${words}` as const)}
      tone="danger"
      title={t(`keys.${words}Title` as const, { serial: keyRow.serial })}
      text={t(`keys.${words}Text` as const)}
      confirmLabel={t('keys.blockConfirm')}
      onConfirm={onConfirm}
    >
      {reasonField}
    </ConfirmedActionButton>
  );

  return (
    <>
      {/* R1.6: a lost phone is blocked in two clicks, with the reason the audit trail needs
          already written; the app erases its key at its next contact (docs/phone-app.md). */}
      {keyRow.kind === 'phone' &&
        keyRow.status === 'active' &&
        blockButton(markLost, 'phoneLost', () => blockWith(markLost, 'lost', t('keys.phoneLostReason')))}{' '}
      {blockButton(
        block,
        'block',
        confirm,
        <TextAreaField
          label={t('keys.blockReason')}
          hint={t('keys.blockReasonHint')}
          {...requiredFieldProps(block.problem, t('keys.blockReasonMissing'))}
          maxLength={500}
          rows={3}
          value={reason}
          onValue={setReason}
        />,
      )}
    </>
  );
}
