// The small buttons beside a table row's or list item's data (end, delete, take, show all …):
// one look for all of them, quiet for what is not the row's main action.
import type { ReactNode } from 'react';
import { useTranslator } from '../shared/i18n';

export function RowButton({
  tone = 'secondary',
  isExpanded,
  onClick,
  children,
}: {
  tone?: 'secondary' | 'quiet';
  /** For a button that shows or hides more (aria-expanded). */
  isExpanded?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={`button button-${tone} button-small`}
      aria-expanded={isExpanded}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** The button under a list cut at its first rows: "show all (count)" or, once open, "show fewer". */
export function ShowAllButton({
  isShowingAll,
  count,
  onToggle,
}: {
  isShowingAll: boolean;
  /** How many rows "show all" shows, as the reader sees the number. */
  count: number | string;
  onToggle: () => void;
}) {
  const { t } = useTranslator();
  return (
    <RowButton isExpanded={isShowingAll} onClick={onToggle}>
      {isShowingAll ? t('blockList.showFewer') : t('blockList.showAll', { count })}
    </RowButton>
  );
}
