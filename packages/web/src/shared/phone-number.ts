// A form's own check of a phone number before sending, by the rule the server applies (core's
// `isPhoneNumber`): support rings these numbers, so "abc" is stopped at the form.
import { isPhoneNumber } from '@portvakt/core';
import type { Translator } from './i18n';

/** The problem to show for the phone field labelled `label`, or undefined; empty is left to the form. */
export function checkPhoneNumber(t: Translator['t'], label: string, value: string): string | undefined {
  return value.trim() === '' || isPhoneNumber(value) ? undefined : t('common.phoneInvalid', { field: label });
}
