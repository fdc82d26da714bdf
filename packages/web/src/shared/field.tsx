// Labelled form fields: the label, the control and its hint tied together by ids, so screen
// readers announce the label and the hint with the control. Every form in the console uses these.
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslator } from './i18n';

interface FieldProps {
  label: string;
  /** A line under the control, read out with it (aria-describedby). */
  hint?: string;
  /** Says "(required)" after the label, for free text the form cannot do without. */
  isMarkedRequired?: boolean;
  /** A fixed id, when something else must point at the control; otherwise one is made. */
  id?: string;
}

/** The ids a field's control takes: its own, and its hint's when it has one. */
interface ControlIds {
  id: string;
  'aria-describedby'?: string;
}

function FieldFrame({
  label,
  hint,
  isMarkedRequired = false,
  id,
  renderControl,
}: FieldProps & { renderControl: (ids: ControlIds) => ReactNode }) {
  const { t } = useTranslator();
  const madeId = useId();
  const controlId = id ?? madeId;
  const hintId = `${controlId}-hint`;
  return (
    <div className="field">
      <label htmlFor={controlId}>
        {label}
        {isMarkedRequired && (
          <>
            {' '}
            <span className="muted">({t('common.required')})</span>
          </>
        )}
      </label>
      {renderControl(hint === undefined ? { id: controlId } : { id: controlId, 'aria-describedby': hintId })}
      {hint !== undefined && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export function InputField({
  label,
  hint,
  isMarkedRequired,
  id,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  return (
    <FieldFrame
      {...{ label, hint, isMarkedRequired, id }}
      renderControl={(ids) => <input {...input} {...ids} />}
    />
  );
}

export function TextAreaField({
  label,
  hint,
  isMarkedRequired,
  id,
  ...textarea
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  return (
    <FieldFrame
      {...{ label, hint, isMarkedRequired, id }}
      renderControl={(ids) => <textarea {...textarea} {...ids} />}
    />
  );
}

export function SelectField({
  label,
  hint,
  isMarkedRequired,
  id,
  ...select
}: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  return (
    <FieldFrame
      {...{ label, hint, isMarkedRequired, id }}
      renderControl={(ids) => <select {...select} {...ids} />}
    />
  );
}

/** A checkbox with its label after it; `onChange` gets whether it is now ticked. */
export function CheckboxField({
  label,
  isChecked,
  onChange,
}: {
  label: string;
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={isChecked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
