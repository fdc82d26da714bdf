// A form within a section under a heading of its own, which also names the form for screen
// readers: the problem that stopped the last sending first, then the fields and the save button.
import type { ReactNode } from 'react';
import { SubmitButton } from '../shared/field';
import { Notice } from '../shared/states';
import type { useFormSubmit } from '../shared/use-form-submit';

export function TitledForm({
  title,
  submitLabel,
  sending: { problem, isBusy, submit },
  noValidate,
  children,
}: {
  title: string;
  submitLabel: string;
  /** The form's `useFormSubmit`: its submit handler, its problem and whether it is busy. */
  sending: ReturnType<typeof useFormSubmit>;
  /** The form checks its fields itself (the browser's own messages would come first). */
  noValidate?: boolean;
  children: ReactNode;
}) {
  return (
    <form
      className="form"
      aria-label={title}
      onSubmit={(event) => void submit(event)}
      noValidate={noValidate}
    >
      <h3>{title}</h3>
      {problem && <Notice tone="error">{problem}</Notice>}
      {children}
      <div>
        <SubmitButton isBusy={isBusy}>{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
