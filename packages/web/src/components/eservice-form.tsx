// The form of a public e-service page (the consent e-service, a relative's invitation): its
// questions, then the problem that stopped the last sending and the one submit button.
import type { FormEvent } from 'react';
import { SingleButtonForm, type SingleButtonFormProps } from './single-button-form';

export function EServiceForm({
  isCard = false,
  onSubmit,
  ...form
}: SingleButtonFormProps & {
  /** The form is a card of its own, not a frame around cards. */
  isCard?: boolean;
  onSubmit: (event: FormEvent) => Promise<void>;
}) {
  return (
    <SingleButtonForm
      {...form}
      className={isCard ? 'eservice-form card' : 'eservice-form'}
      buttonClassName="eservice-submit"
      onSubmit={(event) => void onSubmit(event)}
    />
  );
}
