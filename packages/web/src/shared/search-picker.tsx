// A choice among many (a work lead's 160 customers) made by typing: a combobox whose list shows
// the options matching every typed word, in their label or their hint (e.g. an address). A plain
// select of that length has to be scrolled through; this keeps the keyboard and screen reader
// behaviour of the ARIA combobox pattern (arrows, Enter, Escape; the active option announced).
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslator } from './i18n';
import { filterOptions, type PickerOption } from './text-search';

export type { PickerOption } from './text-search';

/** At most this many matches are listed: typing more narrows the rest down. */
const shownMatches = 50;

export function SearchPicker({
  label,
  value,
  options,
  onValue,
  placeholder,
  isLoading = false,
  isInvalid,
}: {
  label: string;
  /** The chosen option's value; '' when none is chosen. */
  value: string;
  options: readonly PickerOption[];
  onValue: (value: string) => void;
  placeholder?: string;
  isLoading?: boolean;
  /** Marks the field as the one a form's check refused. */
  isInvalid?: boolean;
}) {
  const { t } = useTranslator();
  const id = useId();
  const listId = `${id}-list`;
  const chosen = options.find((option) => option.value === value);
  // Typed text while the list is open; the chosen option's label otherwise.
  const [draft, setDraft] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const isOpen = draft !== null;
  const matches = useMemo(() => (isOpen ? filterOptions(options, draft) : []), [options, draft, isOpen]);
  const shown = matches.slice(0, shownMatches);
  const optionId = (index: number) => `${id}-option-${index}`;

  const open = (text: string) => {
    setDraft(text);
    setActive(0);
  };
  const close = () => setDraft(null);
  const pick = (option: PickerOption) => {
    close();
    if (option.value !== value) onValue(option.value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!isOpen) return open('');
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), Math.max(shown.length - 1, 0)));
    } else if (event.key === 'Enter' && isOpen) {
      event.preventDefault();
      const option = shown[active];
      if (option) pick(option);
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="field search-picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-invalid={isInvalid}
        aria-controls={listId}
        aria-activedescendant={isOpen && shown[active] ? optionId(active) : undefined}
        placeholder={isLoading ? t('common.loading') : placeholder}
        value={draft ?? (chosen ? optionText(chosen) : '')}
        onChange={(event) => open(event.target.value)}
        onFocus={(event) => event.target.select()}
        onClick={() => !isOpen && open('')}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={label} className="search-picker-list" hidden={!isOpen}>
        {shown.map((option, index) => (
          <li
            key={option.value}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            // Before the input's blur, which would close the list under the pointer.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(option)}
          >
            {option.label}
            {option.hint && <span className="muted"> · {option.hint}</span>}
          </li>
        ))}
        {isOpen && matches.length === 0 && (
          <li className="search-picker-none" aria-disabled="true">
            {t('common.noMatches')}
          </li>
        )}
        {matches.length > shown.length && (
          <li className="search-picker-none" aria-disabled="true">
            {t('common.moreMatches', { count: matches.length - shown.length })}
          </li>
        )}
      </ul>
    </div>
  );
}

function optionText(option: PickerOption): string {
  return option.hint ? `${option.label} · ${option.hint}` : option.label;
}
