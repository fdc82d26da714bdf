// "Take the lock off the door", with a confirmation. When the door is on the way in of a
// customer with an ongoing service the server refuses (409 lock_on_access_path) and says who
// would lose access; the dialog then shows that and asks for a reason before forcing it. The
// forced dismount is audited with the reason.
import { useState } from 'react';
import { ApiRequestError, forgetCachedEntities, postApi } from '../shared/api-client';
import { ChoiceField, requiredFieldProps, TextAreaField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { Notice } from '../shared/states';

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
  const { t, label, describeError } = useTranslator();
  const session = useSession();
  const [isOpen, setIsOpen] = useState(false);
  const [status, setStatus] = useState<(typeof targetStatuses)[number]>('removed');
  const [accessLost, setAccessLost] = useState<AccessLost | undefined>();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [isBusy, setIsBusy] = useState(false);

  if (!lock.doorId || !session.can('lock_device', 'update')) return null;

  const close = () => {
    setIsOpen(false);
    setAccessLost(undefined);
    setReason('');
    setProblem(undefined);
  };

  const confirm = async () => {
    if (accessLost && reason.trim().length < 3) {
      setProblem(t('locks.dismountReasonMissing'));
      return;
    }
    setIsBusy(true);
    setProblem(undefined);
    try {
      await postApi(`/locks/${lock.id}/dismount`, {
        status,
        ...(accessLost ? { force: true, reason: reason.trim() } : {}),
      });
      forgetCachedEntities('locks');
      setIsBusy(false);
      close();
      onDismounted();
    } catch (error) {
      const apiError = error instanceof ApiRequestError ? error : undefined;
      setIsBusy(false);
      if (apiError?.code === 'lock_on_access_path' && apiError.details) {
        setAccessLost(apiError.details as AccessLost);
        return;
      }
      setProblem(describeError(apiError?.code, apiError?.message ?? String(error)));
    }
  };

  return (
    <>
      <button type="button" className="button button-danger" onClick={() => setIsOpen(true)}>
        {t('locks.dismount')}
      </button>
      <ConfirmDialog
        isOpen={isOpen}
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
                  accessLost.customerCount === 1
                    ? 'locks.dismountLosesAccessOne'
                    : 'locks.dismountLosesAccess',
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
    </>
  );
}
