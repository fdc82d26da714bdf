// Confirmation before anything destructive, on the native <dialog>: modal, focus trapped by the
// browser, Escape cancels, focus returns to the button that opened it.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslator } from './i18n';

export function ConfirmDialog({
  isOpen,
  title,
  confirmLabel,
  isBusy = false,
  isDanger = true,
  onConfirm,
  onCancel,
  children,
}: {
  isOpen: boolean;
  title: string;
  confirmLabel: string;
  isBusy?: boolean;
  isDanger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslator();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const openerRef = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      openerRef.current = document.activeElement;
      dialog.showModal();
    } else if (!isOpen && dialog.open) {
      dialog.close();
      if (openerRef.current instanceof HTMLElement) openerRef.current.focus();
    }
  }, [isOpen]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isBusy) onConfirm();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={isBusy}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className={`button ${isDanger ? 'button-danger' : 'button-primary'}`}
            disabled={isBusy}
          >
            {isBusy ? t('common.saving') : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
