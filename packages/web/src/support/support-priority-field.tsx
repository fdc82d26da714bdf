// A support case's priority as a form field: chosen when the case is raised and changed on the
// case page by those who triage.
import { supportCasePriorities } from '@portvakt/core';
import { ChoiceField } from '../shared/field';
import { useTranslator } from '../shared/i18n';

export function SupportPriorityField({
  value,
  onChoose,
}: {
  value: string;
  onChoose: (value: string) => void;
}) {
  const { t, label } = useTranslator();
  return (
    <ChoiceField
      label={t('support.priority')}
      value={value}
      values={supportCasePriorities}
      nameOf={(priority) => label('supportCasePriority', priority)}
      onChoose={onChoose}
    />
  );
}
