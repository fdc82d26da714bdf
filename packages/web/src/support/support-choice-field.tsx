// A support case's three choices (category, status, priority): each its values and their names,
// so the forms that set them and the list's filters offer them alike.
import { supportCaseCategories, supportCasePriorities, supportCaseStatuses } from '@portvakt/core';
import { ChoiceField } from '../shared/field';
import { SelectFilter } from '../shared/filters';
import { useTranslator, type EnumName } from '../shared/i18n';

const supportChoices = {
  category: { values: supportCaseCategories, names: 'supportCaseCategory' },
  status: { values: supportCaseStatuses, names: 'supportCaseStatus' },
  priority: { values: supportCasePriorities, names: 'supportCasePriority' },
} as const satisfies Record<string, { values: readonly string[]; names: EnumName }>;

export type SupportChoice = keyof typeof supportChoices;

/** The choice's label (`support.<choice>`) and its values as named options. */
function useChoiceOptions(choice: SupportChoice) {
  const { t, label } = useTranslator();
  const { values, names } = supportChoices[choice];
  return {
    label: t(`support.${choice}`),
    values,
    nameOf: (value: string) => label(names, value),
    options: values.map((value) => ({ value, label: label(names, value) })),
  };
}

/** The choice as a form field (raising a case, changing it). */
export function SupportChoiceField({
  choice,
  value,
  onChoose,
}: {
  choice: SupportChoice;
  value: string;
  onChoose: (value: string) => void;
}) {
  const { label, values, nameOf } = useChoiceOptions(choice);
  return <ChoiceField label={label} value={value} values={values} nameOf={nameOf} onChoose={onChoose} />;
}

/** The choice as a filter of the case list ("all" first). */
export function SupportChoiceFilter({
  choice,
  value,
  onChange,
}: {
  choice: SupportChoice;
  value: string;
  onChange: (value: string) => void;
}) {
  const { label, options } = useChoiceOptions(choice);
  return <SelectFilter label={label} value={value} onChange={onChange} options={options} />;
}
