// PIN reset for a hardware key: confirm, then show the one-time code exactly once. The code lives
// only in this component's state; closing the dialog forgets it, and nothing can show it again.
import { useEffect, useId, useRef, useState } from 'react';
import { postApi } from '../shared/api-client';
import { useTranslator } from '../shared/i18n';
import { useSession } from '../accounts';
import type { KeyRow } from './block-key-dialog';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { Notice } from '../shared/states';

interface PinResetCode {
  code: string;
  expiresAt: string;
}

function CodeDialog({ code, onClose }: { code: PinResetCode | undefined; onClose: () => void }) {
  const { t, formatDateTime } = useTranslator();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const instructionsId = useId();
  const openerRef = useRef<Element | null>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (code && !dialog.open) {
      openerRef.current = document.activeElement;
      dialog.showModal();
    } else if (!code && dialog.open) {
      dialog.close();
      if (openerRef.current instanceof HTMLElement) openerRef.current.focus();
    }
  }, [code]);
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={instructionsId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {code && (
        <>
          <h2 id={titleId}>{t('keys.pinResetCodeTitle')}</h2>
          <p className="pin-code-label">{t('keys.pinResetCodeLabel')}</p>
          <p className="pin-code" data-pin-code={code.code} aria-label={code.code.split('').join(' ')}>
            <span aria-hidden="true">
              {code.code.slice(0, 4)} {code.code.slice(4)}
            </span>
          </p>
          <div id={instructionsId}>
            <p>
              <strong>{t('keys.pinResetInstructions')}</strong>
            </p>
            <p>{t('keys.pinResetExpires', { at: formatDateTime(code.expiresAt) })}</p>
            <p className="muted">{t('keys.pinResetOnce')}</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button button-primary" onClick={onClose} autoFocus>
              {t('keys.pinResetDone')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}

/** "Återställ PIN-kod" for an active hardware key, for roles that may change keys. */
export function PinResetButton({ keyRow }: { keyRow: KeyRow }) {
  const { t, describeProblem } = useTranslator();
  const session = useSession();
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [code, setCode] = useState<PinResetCode | undefined>();
  if (!session.can('digital_key', 'update') || keyRow.kind !== 'hardware_key' || keyRow.status !== 'active')
    return null;

  const confirm = async () => {
    setIsBusy(true);
    setProblem(undefined);
    try {
      const created = await postApi<PinResetCode>(`/keys/${keyRow.id}/pin-reset`, undefined);
      setIsConfirming(false);
      setCode(created);
    } catch (error) {
      setProblem(describeProblem(error));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setIsConfirming(true)}>
        {t('keys.pinReset')}
      </button>
      <ConfirmDialog
        isOpen={isConfirming}
        title={t('keys.pinResetTitle', { serial: keyRow.serial })}
        confirmLabel={t('keys.pinResetConfirm')}
        isDanger={false}
        isBusy={isBusy}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setIsConfirming(false);
          setProblem(undefined);
        }}
      >
        <p>{t('keys.pinResetText')}</p>
        {problem && <Notice tone="error">{problem}</Notice>}
      </ConfirmDialog>
      <CodeDialog code={code} onClose={() => setCode(undefined)} />
    </>
  );
}
