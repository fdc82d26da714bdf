import type { Static } from 'typebox';
import type { DigitalKeyRow as DigitalKeyRowSchema } from '@portvakt/contract';
import { forgetCachedEntities, patchApi } from '../shared/api-client';
import { useTranslator } from '../shared/i18n';
import { ConfirmedActionButton, useConfirmedAction } from '../shared/confirm-dialog';
import { ReasonConfirmedButton, type ReasonField } from '../shared/reason-confirmed-button';

export type KeyRow = Static<typeof DigitalKeyRowSchema>;

const blockReason: ReasonField = {
  label: 'keys.blockReason',
  hint: 'keys.blockReasonHint',
  missing: 'keys.blockReasonMissing',
  rows: 3,
};

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
  const markLost = useConfirmedAction();

  if (keyRow.status === 'blocked' || keyRow.status === 'lost') return null;

  const setStatus = async (status: 'blocked' | 'lost', statusReason: string) => {
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
        onConfirm={(reason) => setStatus('blocked', reason)}
      />
    </>
  );
}
