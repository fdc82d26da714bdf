// A date picker between "previous" and "next" buttons: the day page steps a day, the customer's
// week page a week.
import type { ReactElement } from 'react';
import { InputField } from '../shared/field';

export function DateStepper(props: {
  label: string;
  previousLabel: string;
  nextLabel: string;
  value: string;
  onPick: (date: string) => void;
  onStep: (steps: -1 | 1) => void;
}): ReactElement {
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => props.onStep(-1)}>
        ← {props.previousLabel}
      </button>
      <InputField
        label={props.label}
        type="date"
        value={props.value}
        onChange={(event) => event.target.value && props.onPick(event.target.value)}
      />
      <button type="button" className="button button-secondary" onClick={() => props.onStep(1)}>
        {props.nextLabel} →
      </button>
    </>
  );
}
