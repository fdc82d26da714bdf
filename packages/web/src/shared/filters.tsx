// Search box and select filters for list pages. Their values live in the address (?q=…), so a
// filtered list can be bookmarked, shared and reloaded.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { SelectField } from './field';
import { useTranslator } from './i18n';

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
  return (
    <form role="search" className="search-box" onSubmit={submit}>
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
    <SelectField label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('common.all')}</option>
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </SelectField>
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
        type="search"
        value={value}
        placeholder={placeholder}
        maxLength={100}
        autoComplete="off"
        onChange={(event) => onChange(event.target.value)}
      />
      <button type="submit" className="button button-primary">
        {t('common.search')}
      </button>
    </div>
  );
}
