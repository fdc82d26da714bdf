// A form's own check of a phone number before sending, by the rule the server applies (core's
// `isPhoneNumber`): support rings these numbers, so "abc" is stopped at the form.
import { isPhoneNumber } from '@portvakt/core';
import type { MessageKey, Said } from './i18n';

/** The problem to show for the phone field labelled `label`, or undefined; empty is left to the form. */
export function checkPhoneNumber(label: MessageKey, value: string): Said | undefined {
  return value.trim() === '' || isPhoneNumber(value)
    ? undefined
    : ({ t }) => t('common.phoneInvalid', { field: t(label) });
}
