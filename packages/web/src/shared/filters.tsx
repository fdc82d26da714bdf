// Search box and select filters for list pages. Their values live in the address (?q=…), so a
// filtered list can be bookmarked, shared and reloaded.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { InputField, SelectField } from './field';
import { useTranslator } from './i18n';

/** What makes a text input a search field: the API takes at most 100 characters of search text. */
export const searchInputProps = { type: 'search', maxLength: 100, autoComplete: 'off' } as const;

export function SearchBox({
  label,
  placeholder,
  value,
  onSearch,
}: {
  label: string;
  placeholder: string;
  value: string;
  onSearch: (value: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  // No search role of its own: it sits in a list page's FilterBar, which is the page's search.
  return (
    <form className="search-box" onSubmit={submit}>
      <label htmlFor={id}>{label}</label>
      <SearchRow id={id} value={draft} placeholder={placeholder} onChange={setDraft} />
    </form>
  );
}

export function SelectFilter({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslator();
  return (
    <SelectField label={label} value={value} onValue={onChange} blank={t('common.all')} options={options} />
  );
}

/** A search field and its button; the surrounding form does the searching. */
export function SearchRow({
  id,
  value,
  placeholder,
  onChange,
}: {
  id: string;
  value: string;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslator();
  return (
    <div className="search-row">
      <input
        id={id}
        {...searchInputProps}
        value={value}
        placeholder={placeholder}
        onChange={(event) => onChange(event.target.value)}
      />
      <button type="submit" className="button button-primary">
        {t('common.search')}
      </button>
    </div>
  );
}

/** A range of whole days, both ends included, kept in the address as ?from=…&to=… (YYYY-MM-DD). */
export function DayRangeFields({
  fromLabel,
  toLabel,
  from,
  to,
  onChange,
}: {
  fromLabel: string;
  toLabel: string;
  from: string;
  to: string;
  onChange: (changes: { from: string } | { to: string }) => void;
}) {
  return (
    <>
      <InputField
        label={fromLabel}
        type="date"
        value={from}
        onChange={(event) => onChange({ from: event.target.value })}
      />
      <InputField
        label={toLabel}
        type="date"
        value={to}
        onChange={(event) => onChange({ to: event.target.value })}
      />
    </>
  );
}

/**
 * A date or month picker for a page that always shows some period: clearing the field picks
 * nothing, so the page keeps the period it has.
 */
export function PeriodField({
  label,
  type,
  value,
  onPick,
}: {
  label: string;
  type: 'date' | 'month';
  value: string;
  onPick: (value: string) => void;
}) {
  return (
    <InputField label={label} type={type} value={value} onValue={(picked) => picked && onPick(picked)} />
  );
}
