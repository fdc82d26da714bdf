// A form that asks its questions and has one submit button: the public e-service pages and the
// installer's steps at the door. The problem that stopped the last sending is shown just above the
// button, where the reader's eyes are when they press it.
import type { FormEvent, ReactNode } from 'react';
import { Notice } from '../shared/states';

/** What a single-button form shows: its fields, the last problem and the button's words. */
export interface SingleButtonFormProps {
  problem: string | undefined;
  isBusy: boolean;
  submitLabel: string;
  children?: ReactNode;
}

export function SingleButtonForm({
  className,
  buttonClassName,
  problem,
  isBusy,
  submitLabel,
  onSubmit,
  children,
}: SingleButtonFormProps & {
  className: string;
  /** Added to the primary button's classes. */
  buttonClassName: string;
  onSubmit: (event: FormEvent) => void;
}) {
  return (
    <form onSubmit={onSubmit} noValidate className={className}>
      {children}
      {problem && <Notice tone="error">{problem}</Notice>}
      <button type="submit" className={`button button-primary ${buttonClassName}`} disabled={isBusy}>
        {submitLabel}
      </button>
    </form>
  );
}
