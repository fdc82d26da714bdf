// A button that opens a dialog: the opener keeps whether the dialog is open, and the dialog
// (given by the caller) is told that and how to close itself.
import { useState, type ReactNode } from 'react';

/** What the dialog of a DialogButton gets: whether it is open, and how to close it. */
export interface OpenedDialog {
  isOpen: boolean;
  close: () => void;
}

export function DialogButton({
  label,
  className = 'button',
  children,
}: {
  label: ReactNode;
  /** The button's classes (`button button-primary`, `button button-danger`, …). */
  className?: string;
  /** The dialog; one mounted only while open starts afresh each time. */
  children: (dialog: OpenedDialog) => ReactNode;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setIsOpen(true)}>
        {label}
      </button>
      {children({ isOpen, close: () => setIsOpen(false) })}
    </>
  );
}
