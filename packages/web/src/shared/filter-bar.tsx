// The filters over a list or report page (search field, choices, days, their buttons): one row
// that wraps on a narrow screen, the same on every page, announced as the page's search.
import type { FormEvent, ReactNode } from 'react';
import { useTranslator } from './i18n';

export function FilterBar({
  label,
  onSubmit,
  children,
}: {
  /** What a screen reader calls the filters; "Urval" / "Filters" unless the page says better. */
  label?: string;
  /** For filters applied by a button: the bar is then the form that button sends. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const { t } = useTranslator();
  const props = { role: 'search', 'aria-label': label ?? t('common.filters'), className: 'filter-bar' };
  return onSubmit ? (
    <form {...props} onSubmit={onSubmit}>
      {children}
    </form>
  ) : (
    <div {...props}>{children}</div>
  );
}
