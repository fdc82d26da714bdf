// "Ta ut nyckel": authorises a take from one slot before the cabinet opens it, with the reason
// (and words for "other"); a work lead names which of their staff takes it. A digital failure
// opens a support case, which the answer names.
import type { KeyCabinetTake } from '@portvakt/contract';
import { keyTakeReasons } from '@portvakt/contract';
import { isDigitalFailure, type KeyTakeReason } from '@portvakt/core';
import { useState } from 'react';
import { useSession } from '../accounts';
import { StaffPicker } from '../registry';
import { postApi } from '../shared/api-client';
import { NamedChoiceField } from '../components';
import { SendingFormDialog } from '../shared/confirm-dialog';
import { TextAreaField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { useFormSubmit } from '../shared/use-form-submit';

export function TakeKeyDialog({
  cabinetId,
  providerId,
  slot,
  onClose,
  onTaken,
}: {
  cabinetId: string;
  providerId: string;
  /** The slot to take from; the dialog is open while set. */
  slot: number | undefined;
  onClose: () => void;
  onTaken: (take: KeyCabinetTake) => void;
}) {
  const { t } = useTranslator();
  const session = useSession();
  const [reason, setReason] = useState<KeyTakeReason>('planned');
  const [reasonText, setReasonText] = useState('');
  const [staffMemberId, setStaffMemberId] = useState('');
  const isForOthers = session.me.role !== 'staff';
  const sending = useFormSubmit(async () => {
    if (slot === undefined || sending.isBusy) return;
    const take = await postApi<KeyCabinetTake>(`/key-cabinets/${cabinetId}/takes`, {
      slot,
      reason,
      ...(reasonText.trim() ? { reasonText: reasonText.trim() } : {}),
      ...(isForOthers && staffMemberId ? { staffMemberId } : {}),
    });
    setReason('planned');
    setReasonText('');
    onTaken(take);
  });
  return (
    <SendingFormDialog
      isOpen={slot !== undefined}
      title={t('keyCabinets.takeFrom', { slot: slot ?? '' })}
      confirmLabel={t('keyCabinets.takeConfirm')}
      sending={sending}
      onClose={onClose}
    >
      <p>{t('keyCabinets.takeIntro')}</p>
      {isForOthers && (
        <StaffPicker
          label={t('keyCabinets.staff')}
          providerIds={[providerId]}
          value={staffMemberId}
          onChange={(id) => setStaffMemberId(id)}
        />
      )}
      <NamedChoiceField
        names="keyCabinets.reason"
        value={reason}
        values={keyTakeReasons}
        onChoose={setReason}
      />
      {isDigitalFailure(reason) && <p className="muted">{t('keyCabinets.digitalFailure')}</p>}
      <TextAreaField
        label={t('keyCabinets.reasonText')}
        value={reasonText}
        required={reason === 'other'}
        onValue={setReasonText}
      />
    </SendingFormDialog>
  );
}
