// "Ta ut nyckel": authorises a take from one slot before the cabinet opens it, with the reason
// (and words for "other"); a work lead names which of their staff takes it. A digital failure
// opens a support case, which the answer names.
import type { KeyCabinetTake } from '@portvakt/contract';
import { keyTakeReasons } from '@portvakt/contract';
import { isDigitalFailure, type KeyTakeReason } from '@portvakt/core';
import { useId, useState } from 'react';
import { useSession } from '../accounts';
import { StaffPicker } from '../registry';
import { postApi } from '../shared/api-client';
import { useModalDialog } from '../shared/confirm-dialog';
import { ChoiceField, TextAreaField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';
import { Notice } from '../shared/states';
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
  const dialogRef = useModalDialog(slot !== undefined);
  const titleId = useId();
  const [reason, setReason] = useState<KeyTakeReason>('planned');
  const [reasonText, setReasonText] = useState('');
  const [staffMemberId, setStaffMemberId] = useState('');
  const isForOthers = session.me.role !== 'staff';
  const close = () => {
    setProblem(undefined);
    onClose();
  };
  const { problem, setProblem, isBusy, submit } = useFormSubmit(async () => {
    if (slot === undefined || isBusy) return;
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
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <h2 id={titleId}>{t('keyCabinets.takeFrom', { slot: slot ?? '' })}</h2>
        <div className="dialog-body">
          <p>{t('keyCabinets.takeIntro')}</p>
          {isForOthers && (
            <StaffPicker
              id={`${titleId}-staff`}
              label={t('keyCabinets.staff')}
              providerIds={[providerId]}
              value={staffMemberId}
              onChange={(id) => setStaffMemberId(id)}
            />
          )}
          <ChoiceField
            label={t('keyCabinets.reason')}
            value={reason}
            values={keyTakeReasons}
            nameOf={(value) => t(`keyCabinets.reason.${value}` as MessageKey)}
            onChoose={setReason}
          />
          {isDigitalFailure(reason) && <p className="muted">{t('keyCabinets.digitalFailure')}</p>}
          <TextAreaField
            label={t('keyCabinets.reasonText')}
            value={reasonText}
            required={reason === 'other'}
            onValue={setReasonText}
          />
          {problem && <Notice tone="error">{problem}</Notice>}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={close} disabled={isBusy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="button button-primary" disabled={isBusy}>
            {isBusy ? t('common.saving') : t('keyCabinets.takeConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
