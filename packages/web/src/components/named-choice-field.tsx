// A select over one of the domain's enumerations whose values are named by messages under one key,
// `<names>.<value>` (e.g. `emergency.cause.unknown`); the message `<names>` itself is the field's
// label unless the form words it otherwise.
import { ChoiceField } from '../shared/field';
import { useTranslator, type MessageKey } from '../shared/i18n';

/** `Names` when every `<names>.<value>` is a message, so a value without a name does not compile. */
type NamesOf<Names extends string, Value extends string> = `${Names}.${Value}` extends MessageKey
  ? Names
  : never;

/** The label may be left out only when `<names>` is a message of its own. */
type LabelOf<Names extends string> = Names extends MessageKey ? { label?: string } : { label: string };

export function NamedChoiceField<Value extends string, Names extends string>({
  names,
  label,
  values,
  value,
  onChoose,
}: LabelOf<Names> & {
  names: Names & NamesOf<Names, Value>;
  values: readonly Value[];
  value: string;
  onChoose: (value: Value) => void;
}) {
  const { t } = useTranslator();
  return (
    <ChoiceField
      label={label ?? t(names as MessageKey)}
      value={value}
      values={values}
      nameOf={(choice) => t(`${names}.${choice}` as MessageKey)}
      onChoose={onChoose}
    />
  );
}
