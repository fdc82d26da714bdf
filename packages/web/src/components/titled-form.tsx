// A form within a section under a heading of its own, which also names the form for screen
// readers: the problem that stopped the last sending first, then the fields and the save button.
import type { FormEvent, ReactNode } from 'react';
import { SubmitButton } from '../shared/field';
import { Notice } from '../shared/states';

export function TitledForm({
  title,
  problem,
  isBusy,
  submitLabel,
  noValidate,
  onSubmit,
  children,
}: {
  title: string;
  problem: string | undefined;
  isBusy: boolean;
  submitLabel: string;
  /** The form checks its fields itself (the browser's own messages would come first). */
  noValidate?: boolean;
  onSubmit: (event: FormEvent) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <form
      className="form"
      aria-label={title}
      onSubmit={(event) => void onSubmit(event)}
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
