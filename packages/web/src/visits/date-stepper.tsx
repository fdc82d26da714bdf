// A date picker between "previous" and "next" buttons: the day page steps a day, the customer's
// week page a week.
import type { ReactElement } from 'react';
import { PeriodField } from '../shared/filters';

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
      <PeriodField label={props.label} type="date" value={props.value} onPick={props.onPick} />
      <button type="button" className="button button-secondary" onClick={() => props.onStep(1)}>
        {props.nextLabel} →
      </button>
    </>
  );
}
