// Confirmation before anything destructive, on the native <dialog>: modal, focus trapped by the
// browser, Escape cancels, focus returns to the button that opened it.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslator } from './i18n';
import { Notice } from './states';

/**
 * Opens the native <dialog> as a modal while `isOpen`, and on closing gives the focus back to
 * whatever had it when the dialog opened (the button that opened it).
 */
export function useModalDialog(isOpen: boolean): RefObject<HTMLDialogElement | null> {
  const dialogRef = useRef<HTMLDialogElement>(null);
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
  return dialogRef;
}

/**
 * The state of a button that asks for confirmation before it calls the API: whether the dialog
 * is open, whether the call is under way, and the problem to show in the dialog when it failed.
 */
export function useConfirmedAction() {
  const { describeProblem } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  return {
    isOpen,
    isBusy,
    problem,
    setProblem,
    open: () => setIsOpen(true),
    close: () => {
      setIsOpen(false);
      setProblem(undefined);
    },
    /** Calls the API; closes the dialog when it succeeds, and shows the problem when it fails. */
    run: async (action: () => Promise<void>) => {
      setIsBusy(true);
      setProblem(undefined);
      try {
        await action();
        setIsOpen(false);
      } catch (error) {
        setProblem(describeProblem(error));
      } finally {
        setIsBusy(false);
      }
    },
  };
}

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
  const dialogRef = useModalDialog(isOpen);
  const titleId = useId();

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

export type ConfirmedAction = ReturnType<typeof useConfirmedAction>;

/**
 * A button that asks first: it opens a ConfirmDialog for `action` with the text, the problem
 * when the last try failed, and the fields the action needs (`children`).
 */
export function ConfirmedActionButton({
  action,
  label,
  tone,
  title,
  text,
  confirmLabel,
  onConfirm,
  children,
}: {
  action: ConfirmedAction;
  label: string;
  /** The opening button's look; only a danger button is confirmed with a danger button. */
  tone: 'danger' | 'primary' | 'secondary';
  title: string;
  text: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  children?: ReactNode;
}) {
  return (
    <>
      <button type="button" className={`button button-${tone}`} onClick={action.open}>
        {label}
      </button>
      <ConfirmDialog
        isOpen={action.isOpen}
        title={title}
        confirmLabel={confirmLabel}
        isBusy={action.isBusy}
        isDanger={tone === 'danger'}
        onConfirm={() => void onConfirm()}
        onCancel={action.close}
      >
        <p>{text}</p>
        {action.problem && <Notice tone="error">{action.problem}</Notice>}
        {children}
      </ConfirmDialog>
    </>
  );
}
