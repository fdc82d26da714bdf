// A confirmed action that needs a reason, because the reason goes into the audit trail where a
// later reader needs to know why (a blocked key, a corrected or declined visit, a confirmed
// exception). The API takes a reason of 3 to 500 characters.
import { useState, type ReactNode } from 'react';
import { ConfirmedActionButton, useConfirmedAction } from './confirm-dialog';
import { requiredFieldProps, TextAreaField } from './field';
import { say, useTranslator, type MessageKey } from './i18n';

/** The reason field's words (its label, hint, and the problem when it is too short) and height. */
export interface ReasonField {
  label: MessageKey;
  hint: MessageKey;
  missing: MessageKey;
  rows: number;
}

/**
 * A ConfirmedActionButton whose dialog asks for a reason after any other fields (`children`, or
 * a function of whether the dialog is open, for fields that load what they offer only then);
 * `onConfirm` gets the trimmed reason once it is at least three characters, and the field is
 * emptied once the action went through.
 */
export function ReasonConfirmedButton({
  reasonField,
  onConfirm,
  children,
  ...button
}: Omit<Parameters<typeof ConfirmedActionButton>[0], 'action' | 'onConfirm' | 'children'> & {
  children?: ReactNode | ((isOpen: boolean) => ReactNode);
  reasonField: ReasonField;
  onConfirm: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslator();
  const action = useConfirmedAction();
  const [reason, setReason] = useState('');
  const confirm = async () => {
    if (reason.trim().length < 3) return action.setProblem(say(reasonField.missing));
    await action.run(async () => {
      await onConfirm(reason.trim());
      setReason('');
    });
  };
  return (
    <ConfirmedActionButton {...button} action={action} onConfirm={confirm}>
      {typeof children === 'function' ? children(action.isOpen) : children}
      <TextAreaField
        label={t(reasonField.label)}
        hint={t(reasonField.hint)}
        {...requiredFieldProps(action.problem, t(reasonField.missing))}
        maxLength={500}
        rows={reasonField.rows}
        value={reason}
        onValue={setReason}
      />
    </ConfirmedActionButton>
  );
}
