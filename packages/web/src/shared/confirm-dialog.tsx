// Confirmation before anything destructive, on the native <dialog>: modal, focus trapped by the
// browser, Escape cancels, focus returns to the button that opened it.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useTranslator } from './i18n';
import { Notice } from './states';
import { useSending, type useFormSubmit, type Words } from './use-form-submit';

/**
 * Opens the native <dialog> as a modal while `isOpen`, and on closing gives the focus back to
 * whatever had it when the dialog opened (the button that opened it).
 */
function useModalDialog(isOpen: boolean): RefObject<HTMLDialogElement | null> {
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
 * The native <dialog> as a modal while `isOpen`, named by the heading with `titleId`; Escape
 * calls `onCancel` (the caller closes it by clearing `isOpen`).
 */
export function ModalDialog({
  isOpen,
  titleId,
  descriptionId,
  className = 'dialog',
  onCancel,
  children,
}: {
  isOpen: boolean;
  titleId: string;
  descriptionId?: string;
  className?: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  const dialogRef = useModalDialog(isOpen);
  return (
    <dialog
      ref={dialogRef}
      className={className}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}

/**
 * The state of a button that asks for confirmation before it calls the API: whether the dialog
 * is open, whether the call is under way, and the problem to show in the dialog when it failed.
 */
export function useConfirmedAction() {
  const [isOpen, setIsOpen] = useState(false);
  const { problem, setProblem, isBusy, run } = useSending();
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
    /**
     * Calls the API; closes the dialog when it succeeds, and shows the problem when it fails or
     * when the action answers one before calling (a choice not made). With the dialog's `form`, a
     * refusal of one field names it by its label there, as the registry dialogs do.
     */
    run: (action: () => Promise<Words | void>, form?: HTMLFormElement) =>
      run(async () => {
        const problem = await action();
        if (problem) return problem;
        setIsOpen(false);
      }, form),
  };
}

/**
 * A modal form: its title, the fields (`children`), and Cancel beside the submit button, both
 * disabled while busy. `formName` marks the form for the browser tests.
 */
export function FormDialog({
  isOpen,
  title,
  confirmLabel,
  isBusy = false,
  isDanger = false,
  bodyClassName = 'dialog-body',
  formName,
  onSubmit,
  onCancel,
  children,
}: {
  isOpen: boolean;
  title: string;
  confirmLabel: string;
  isBusy?: boolean;
  isDanger?: boolean;
  bodyClassName?: string;
  formName?: string;
  /** Gets the form's event, so a sending can name a refused field by its label in the form. */
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslator();
  const titleId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(event);
  };
  return (
    <ModalDialog isOpen={isOpen} titleId={titleId} onCancel={onCancel}>
      <form onSubmit={submit} noValidate data-form={formName}>
        <h2 id={titleId}>{title}</h2>
        <div className={bodyClassName}>{children}</div>
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
    </ModalDialog>
  );
}

/** What a SendingFormDialog needs of its form's `useFormSubmit`. */
type DialogSending = Pick<ReturnType<typeof useFormSubmit>, 'problem' | 'setProblem' | 'isBusy' | 'submit'>;

/**
 * A FormDialog whose submit is `sending` (a `useFormSubmit`): busy while it sends, its problem
 * under the fields, and a cancel forgets the problem before `onClose`, so it is gone on reopening.
 */
export function SendingFormDialog({
  sending,
  onClose,
  children,
  ...props
}: Omit<Parameters<typeof FormDialog>[0], 'isBusy' | 'onSubmit' | 'onCancel'> & {
  sending: DialogSending;
  onClose: () => void;
}) {
  const close = () => {
    sending.setProblem(undefined);
    onClose();
  };
  return (
    <FormDialog
      {...props}
      isBusy={sending.isBusy}
      onSubmit={(event) => void sending.submit(event)}
      onCancel={close}
    >
      {children}
      {sending.problem && <Notice tone="error">{sending.problem}</Notice>}
    </FormDialog>
  );
}

/**
 * A FormDialog that confirms an action; a busy dialog ignores a second submit. `onConfirm` gets
 * the dialog's form, for naming a refused field by its label.
 */
export function ConfirmDialog({
  isDanger = true,
  onConfirm,
  ...props
}: Omit<Parameters<typeof FormDialog>[0], 'onSubmit' | 'bodyClassName' | 'formName'> & {
  onConfirm: (form: HTMLFormElement) => void;
}) {
  return (
    <FormDialog
      {...props}
      isDanger={isDanger}
      onSubmit={(event) => {
        if (!props.isBusy) onConfirm(event.currentTarget);
      }}
    />
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
  /** What the dialog says above the problem and the fields; none when the fields say it. */
  text?: string;
  confirmLabel: string;
  /** Gets the dialog's form (see ConfirmDialog). */
  onConfirm: (form: HTMLFormElement) => Promise<void>;
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
        onConfirm={(form) => void onConfirm(form)}
        onCancel={action.close}
      >
        {text && <p>{text}</p>}
        {action.problem && <Notice tone="error">{action.problem}</Notice>}
        {children}
      </ConfirmDialog>
    </>
  );
}
