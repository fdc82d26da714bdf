// The fields of a locksmith company, shared by the "new company" dialog and the company's edit
// form: name, organisation number, contact and whether it holds an on-call contract (R9.2).
import { isOrganisationNumber } from '@portvakt/core';
import type { LocksmithCompanyRow } from '@portvakt/contract';
import { CheckboxField, InputField } from '../shared/field';
import { say, useTranslator, type Said } from '../shared/i18n';
import { checkPhoneNumber } from '../shared/phone-number';
import { bindDraft } from '../shared/use-draft';

export interface CompanyDraft {
  name: string;
  organisationNumber: string;
  contactEmail: string;
  contactPhone: string;
  isEmergencyContracted: boolean;
}

export const emptyCompanyDraft: CompanyDraft = {
  name: '',
  organisationNumber: '',
  contactEmail: '',
  contactPhone: '',
  isEmergencyContracted: false,
};

export function toCompanyDraft(row: LocksmithCompanyRow): CompanyDraft {
  return {
    name: row.name,
    organisationNumber: row.organisationNumber ?? '',
    contactEmail: row.contactEmail ?? '',
    contactPhone: row.contactPhone ?? '',
    isEmergencyContracted: row.isEmergencyContracted === true,
  };
}

/** Whether the draft's organisation number breaks the rule the server applies (empty is none). */
function hasBadOrganisationNumber(draft: CompanyDraft): boolean {
  return draft.organisationNumber.trim() !== '' && !isOrganisationNumber(draft.organisationNumber);
}

/**
 * What stops the draft from being sent (no name, an organisation number or a phone number that is
 * none), or undefined.
 */
export function checkCompanyDraft(draft: CompanyDraft): Said | undefined {
  if (!draft.name.trim()) return say('locksmith-companies.nameMissing');
  if (hasBadOrganisationNumber(draft)) return say('locksmith-companies.organisationNumberInvalid');
  return checkPhoneNumber('locksmith-companies.contactPhone', draft.contactPhone);
}

/** The request body: trimmed, an emptied optional field cleared (null). */
export function toCompanyBody(draft: CompanyDraft) {
  const orNull = (value: string) => value.trim() || null;
  return {
    name: draft.name.trim(),
    organisationNumber: orNull(draft.organisationNumber),
    contactEmail: orNull(draft.contactEmail),
    contactPhone: orNull(draft.contactPhone),
    isEmergencyContracted: draft.isEmergencyContracted,
  };
}

export function LocksmithCompanyFields({
  draft,
  onChange,
  isProblemShown = false,
}: {
  draft: CompanyDraft;
  onChange: (draft: CompanyDraft) => void;
  /** A problem from `checkCompanyDraft` is on screen: the field it is about is marked invalid. */
  isProblemShown?: boolean;
}) {
  const { t } = useTranslator();
  const bind = bindDraft(draft, onChange);
  return (
    <>
      <InputField label={t('common.name')} isMarkedRequired required maxLength={200} {...bind('name')} />
      <InputField
        label={t('locksmith-companies.organisationNumber')}
        maxLength={20}
        hint={t('locksmith-companies.organisationNumberHint')}
        aria-invalid={isProblemShown && hasBadOrganisationNumber(draft)}
        {...bind('organisationNumber')}
      />
      <InputField
        label={t('locksmith-companies.contactEmail')}
        type="email"
        maxLength={200}
        {...bind('contactEmail')}
      />
      <InputField
        label={t('locksmith-companies.contactPhone')}
        type="tel"
        maxLength={40}
        {...bind('contactPhone')}
      />
      <CheckboxField
        label={t('locksmith-companies.isEmergencyContracted')}
        isChecked={draft.isEmergencyContracted}
        onChange={(isEmergencyContracted) => onChange({ ...draft, isEmergencyContracted })}
      />
      <p className="hint">{t('locksmith-companies.isEmergencyContractedHint')}</p>
    </>
  );
}

/** The "Jouravtal" badge, or a quiet "no contract". */
export function ContractBadge({ isContracted }: { isContracted: boolean | null }) {
  const { t } = useTranslator();
  return isContracted ? (
    <span className="tag tag-active">{t('locksmith-companies.contracted')}</span>
  ) : (
    <span className="muted">{t('locksmith-companies.notContracted')}</span>
  );
}
