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

/**
 * Label, control and hint; the control gets every prop that is not the field's own, plus ids, and
 * an onChange from `onValue` when there is one.
 */
function FieldFrame<Control extends object>({
  label,
  hint,
  isMarkedRequired = false,
  id,
  onValue,
  renderControl,
  ...control
}: FieldProps & Control & ValueProps & { renderControl: (control: Control & ControlIds) => ReactNode }) {
  const { t } = useTranslator();
  const madeId = useId();
  const controlId = id ?? madeId;
  const hintId = `${controlId}-hint`;
  const ids: ControlIds =
    hint === undefined ? { id: controlId } : { id: controlId, 'aria-describedby': hintId };
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
      {renderControl({ ...(control as unknown as Control), ...changeFrom(onValue), ...ids })}
      {hint !== undefined && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;
type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;
type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>;

/** `onValue` gets the control's new text: most fields only keep it in state. */
interface ValueProps {
  onValue?: (value: string) => void;
}

/** One option of a select: the value it sends and the text it shows. */
export interface Choice {
  value: string;
  label: string;
}

/** The change handler a field gets from `onValue`, when it has one. */
function changeFrom(onValue: ValueProps['onValue']) {
  return onValue ? { onChange: (event: { target: { value: string } }) => onValue(event.target.value) } : {};
}

export function InputField(props: FieldProps & InputProps & ValueProps) {
  return <FieldFrame<InputProps> {...props} renderControl={(control) => <input {...control} />} />;
}

export function TextAreaField(props: FieldProps & TextAreaProps & ValueProps) {
  return <FieldFrame<TextAreaProps> {...props} renderControl={(control) => <textarea {...control} />} />;
}

/**
 * A select; its options are the `children`, or `options` (after `blank`, a first option with the
 * empty value, for "none" or "all").
 */
export function SelectField({
  options,
  blank,
  children,
  ...props
}: FieldProps & SelectProps & ValueProps & { options?: readonly Choice[]; blank?: string }) {
  return (
    <FieldFrame<SelectProps>
      {...props}
      renderControl={(control) => (
        <select {...control}>
          {blank !== undefined && <option value="">{blank}</option>}
          {options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {children}
        </select>
      )}
    />
  );
}

/** A select over a fixed list of values, each shown by its name (`nameOf`, usually a translation). */
export function ChoiceField<Value extends string>({
  values,
  nameOf,
  onChoose,
  ...props
}: FieldProps &
  Omit<SelectProps, 'onChange'> & {
    values: readonly Value[];
    nameOf: (value: Value) => string;
    onChoose: (value: Value) => void;
  }) {
  return (
    <SelectField
      {...props}
      onValue={(value) => onChoose(value as Value)}
      options={values.map((value) => ({ value, label: nameOf(value) }))}
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

/** A form's submit button: disabled while the form is being sent, and saying so. */
export function SubmitButton({
  isBusy,
  busyText,
  children,
}: {
  isBusy: boolean;
  /** What the button says while busy (default: "saving"). */
  busyText?: string;
  children: ReactNode;
}) {
  const { t } = useTranslator();
  return (
    <button type="submit" className="button button-primary" disabled={isBusy}>
      {isBusy ? (busyText ?? t('common.saving')) : children}
    </button>
  );
}

/**
 * The props of a field a confirmation cannot do without: marked and required, and invalid while
 * the dialog's problem is that it is `missing` (the message the dialog shows then).
 */
export function requiredFieldProps(problem: string | undefined, missing: string) {
  return { isMarkedRequired: true, required: true, 'aria-invalid': problem === missing };
}
