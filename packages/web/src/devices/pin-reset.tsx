// PIN reset for a hardware key: confirm, then show the one-time code exactly once. The code lives
// only in this component's state; closing the dialog forgets it, and nothing can show it again.
import { useId, useState } from 'react';
import { postApi } from '../shared/api-client';
import { useTranslator } from '../shared/i18n';
import { useSession } from '../accounts';
import type { KeyRow } from './block-key-dialog';
import { ConfirmedActionButton, useConfirmedAction, ModalDialog } from '../shared/confirm-dialog';

interface PinResetCode {
  code: string;
  expiresAt: string;
}

function CodeDialog({ code, onClose }: { code: PinResetCode | undefined; onClose: () => void }) {
  const { t, formatDateTime } = useTranslator();
  const titleId = useId();
  const instructionsId = useId();
  return (
    <ModalDialog
      isOpen={code !== undefined}
      titleId={titleId}
      descriptionId={instructionsId}
      onCancel={onClose}
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
    </ModalDialog>
  );
}

/** "Återställ PIN-kod" for an active hardware key, for roles that may change keys. */
export function PinResetButton({ keyRow }: { keyRow: KeyRow }) {
  const { t } = useTranslator();
  const session = useSession();
  const reset = useConfirmedAction();
  const [code, setCode] = useState<PinResetCode | undefined>();
  if (!session.can('digital_key', 'update') || keyRow.kind !== 'hardware_key' || keyRow.status !== 'active')
    return null;

  const confirm = () =>
    reset.run(async () => {
      setCode(await postApi<PinResetCode>(`/keys/${keyRow.id}/pin-reset`, undefined));
    });

  return (
    <>
      <ConfirmedActionButton
        action={reset}
        label={t('keys.pinReset')}
        tone="secondary"
        title={t('keys.pinResetTitle', { serial: keyRow.serial })}
        text={t('keys.pinResetText')}
        confirmLabel={t('keys.pinResetConfirm')}
        onConfirm={confirm}
      />
      <CodeDialog code={code} onClose={() => setCode(undefined)} />
    </>
  );
}
