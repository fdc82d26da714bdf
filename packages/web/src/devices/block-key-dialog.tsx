import { useState } from 'react';
import type { Static } from 'typebox';
import type { DigitalKeyRow as DigitalKeyRowSchema } from '@portvakt/contract';
import { forgetCachedEntities, patchApi } from '../shared/api-client';
import { ChoiceField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { ReasonConfirmedButton, type ReasonField } from '../shared/reason-confirmed-button';

export type KeyRow = Static<typeof DigitalKeyRowSchema>;

/** The statuses that block a key (the API's `blocked` or `lost`), as the dialog offers them. */
const blockingStatuses = ['blocked', 'lost'] as const;
type BlockingStatus = (typeof blockingStatuses)[number];

/** What a page says once the key is blocked: that it is blocked, or reported lost. */
export function sayBlocked(updated: KeyRow): MessageKey {
  return updated.status === 'lost' ? 'keys.markedLost' : 'keys.blocked';
}

const blockReason: ReasonField = {
  label: 'keys.blockReason',
  hint: 'keys.blockReasonHint',
  missing: 'keys.blockReasonMissing',
  rows: 3,
};

/**
 * "Block the key" button with its confirmation: the person says whether the key is blocked or
 * lost (both put it on the block list; the key's page and the lists then say which), and the
 * reason is required because it goes into the audit trail, where a later reader needs to know why
 * a key stopped working.
 */
export function BlockKeyButton({
  keyRow,
  onBlocked,
}: {
  keyRow: KeyRow;
  onBlocked: (updated: KeyRow) => void;
}) {
  const { t, label } = useTranslator();
  const markLost = useConfirmedAction();
  const [chosenStatus, setChosenStatus] = useState<BlockingStatus>('blocked');

  if (keyRow.status === 'blocked' || keyRow.status === 'lost') return null;

  const setStatus = async (status: BlockingStatus, statusReason: string) => {
    const updated = await patchApi<KeyRow>(`/keys/${keyRow.id}`, { status, statusReason });
    forgetCachedEntities('keys');
    onBlocked(updated);
  };
  // Both ways of blocking are asked alike; only their words and how the reason is given differ.
  const askedAs = (words: 'block' | 'phoneLost') => ({
    label: t(`keys.${words}` as const),
    tone: 'danger' as const,
    title: t(`keys.${words}Title` as const, { serial: keyRow.serial }),
    text: t(`keys.${words}Text` as const),
    confirmLabel: t('keys.blockConfirm'),
  });

  return (
    <>
      {/* R1.6: a lost phone is blocked in two clicks, with the reason the audit trail needs
          already written; the app erases its key at its next contact (docs/phone-app.md). */}
      {keyRow.kind === 'phone' && keyRow.status === 'active' && (
        <ConfirmedActionButton
          {...askedAs('phoneLost')}
          action={markLost}
          onConfirm={() => markLost.run(() => setStatus('lost', t('keys.phoneLostReason')))}
        />
      )}{' '}
      <ReasonConfirmedButton
        {...askedAs('block')}
        reasonField={blockReason}
        onConfirm={(reason) => setStatus(chosenStatus, reason)}
      >
        <ChoiceField
          label={t('keys.blockStatus')}
          hint={t('keys.blockStatusHint')}
          value={chosenStatus}
          values={blockingStatuses}
          nameOf={(value) => label('keyStatus', value)}
          onChoose={setChosenStatus}
        />
      </ReasonConfirmedButton>
    </>
  );
}
