// "Take the lock off the door", with a confirmation. When the door is on the way in of a
// customer with an ongoing service the server refuses (409 lock_on_access_path) and says who
// would lose access; the dialog then shows that and asks for a reason before forcing it. The
// forced dismount is audited with the reason.
import { useState } from 'react';
import { ApiRequestError, forgetCachedEntities, postApi } from '../shared/api-client';
import { ChoiceField, requiredFieldProps, TextAreaField } from '../shared/field';
import { say, useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { DialogButton, type OpenedDialog } from '../shared/dialog-button';
import { Notice } from '../shared/states';
import { useSending } from '../shared/use-form-submit';

interface AccessLost {
  door: { id: string; label: string; kind: string; streetAddress: string };
  customerCount: number;
  customers: Array<{ id: string; name: string }>;
}

const targetStatuses = ['removed', 'in_stock'] as const;

export function DismountLockButton({
  lock,
  onDismounted,
}: {
  lock: { id: string; serial: string; doorId: string | null };
  onDismounted: () => void;
}) {
  const { t } = useTranslator();
  const session = useSession();
  if (!lock.doorId || !session.can('lock_device', 'update')) return null;
  return (
    <DialogButton label={t('locks.dismount')} className="button button-danger">
      {(dialog) => <DismountLockDialog lock={lock} dialog={dialog} onDismounted={onDismounted} />}
    </DialogButton>
  );
}

/** Always mounted: the chosen status stays for the next opening; the rest starts afresh. */
function DismountLockDialog({
  lock,
  dialog,
  onDismounted,
}: {
  lock: { id: string; serial: string };
  dialog: OpenedDialog;
  onDismounted: () => void;
}) {
  const { t, label } = useTranslator();
  const session = useSession();
  const [status, setStatus] = useState<(typeof targetStatuses)[number]>('removed');
  const [accessLost, setAccessLost] = useState<AccessLost | undefined>();
  const [reason, setReason] = useState('');
  const { problem, setProblem, isBusy, run } = useSending();

  const close = () => {
    dialog.close();
    setAccessLost(undefined);
    setReason('');
    setProblem(undefined);
  };

  const confirm = () =>
    run(async () => {
      if (accessLost && reason.trim().length < 3) return say('locks.dismountReasonMissing');
      try {
        await postApi(`/locks/${lock.id}/dismount`, {
          status,
          ...(accessLost ? { force: true, reason: reason.trim() } : {}),
        });
      } catch (error) {
        // Not a failure: the server says who would lose access, and the dialog asks for a reason.
        if (error instanceof ApiRequestError && error.code === 'lock_on_access_path' && error.details) {
          setAccessLost(error.details as AccessLost);
          return;
        }
        throw error;
      }
      forgetCachedEntities('locks');
      close();
      onDismounted();
    });

  return (
    <ConfirmDialog
      isOpen={dialog.isOpen}
      title={t('locks.dismountTitle', { serial: lock.serial })}
      confirmLabel={accessLost ? t('locks.dismountForce') : t('locks.dismountConfirm')}
      isBusy={isBusy}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      {!accessLost && <p>{t('locks.dismountText')}</p>}
      {problem && <Notice tone="error">{problem}</Notice>}
      {accessLost && (
        <div className="dismount-warning" role="alert">
          <p>
            <strong>
              {t(
                accessLost.customerCount === 1 ? 'locks.dismountLosesAccessOne' : 'locks.dismountLosesAccess',
                {
                  count: accessLost.customerCount,
                  door: `${accessLost.door.label} (${label('doorKind', accessLost.door.kind)})`,
                  address: accessLost.door.streetAddress,
                },
              )}
            </strong>
          </p>
          {accessLost.customers.length > 0 ? (
            <ul aria-label={t('locks.dismountCustomers')}>
              {accessLost.customers.map((customer) => (
                <li key={customer.id}>
                  {session.can('customer') ? (
                    <Link to={`/customers/${customer.id}`}>{customer.name}</Link>
                  ) : (
                    customer.name
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('locks.dismountNamesHidden')}</p>
          )}
        </div>
      )}
      <ChoiceField
        label={t('locks.dismountStatus')}
        value={status}
        disabled={accessLost !== undefined}
        values={targetStatuses}
        nameOf={(value) => label('lockStatus', value)}
        onChoose={setStatus}
      />
      {accessLost && (
        <TextAreaField
          label={t('locks.dismountReason')}
          {...requiredFieldProps(problem, t('locks.dismountReasonMissing'))}
          maxLength={500}
          rows={3}
          value={reason}
          onValue={setReason}
        />
      )}
    </ConfirmDialog>
  );
}
