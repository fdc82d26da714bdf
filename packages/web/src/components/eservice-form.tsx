// The form of a public e-service page (the consent e-service, a relative's invitation): its
// questions, then the problem that stopped the last sending and the one submit button.
import type { FormEvent, ReactNode } from 'react';
import { Notice } from '../shared/states';

export function EServiceForm({
  isCard = false,
  problem,
  isBusy,
  submitLabel,
  onSubmit,
  children,
}: {
  /** The form is a card of its own, not a frame around cards. */
  isCard?: boolean;
  problem: string | undefined;
  isBusy: boolean;
  submitLabel: string;
  onSubmit: (event: FormEvent) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className={isCard ? 'eservice-form card' : 'eservice-form'}
    >
      {children}
      {problem && <Notice tone="error">{problem}</Notice>}
      <button type="submit" className="button button-primary eservice-submit" disabled={isBusy}>
        {submitLabel}
      </button>
    </form>
  );
}
