// Names of referenced records (a key's holder, a team's provider) fetched once and shared, shown
// as links to their detail pages when the role may open them.
import type { ReactNode } from 'react';
import { useTranslator } from './i18n';
import { Link } from './router';
import { useEntity } from './use-api';

interface Named {
  id: string;
  name?: string;
  givenName?: string;
  familyName?: string;
  label?: string;
  serial?: string;
  designation?: string;
}

/** A display name for any registry row. */
export function describeEntity(row: Named): string {
  if (row.givenName !== undefined || row.familyName !== undefined) {
    return `${row.givenName ?? ''} ${row.familyName ?? ''}`.trim();
  }
  return row.name ?? row.label ?? row.serial ?? row.designation ?? row.id;
}

/**
 * `apiPath` is the API collection (e.g. `staff`); `pagePath` the console page, if there is one.
 * Rows the role cannot read are shown as `hiddenText` rather than as a bare id.
 */
export function EntityLink({
  apiPath,
  pagePath,
  id,
  hiddenText,
}: {
  apiPath: string;
  pagePath?: string;
  id: string | null | undefined;
  hiddenText?: string;
}): ReactNode {
  const { t } = useTranslator();
  const { entity, isHidden } = useEntity<Named>(apiPath, id);
  if (!id) return t('common.none');
  if (isHidden) return <span className="muted">{hiddenText ?? t('common.none')}</span>;
  if (!entity) return <span className="muted">…</span>;
  const name = describeEntity(entity);
  return pagePath ? <Link to={`${pagePath}/${id}`}>{name}</Link> : name;
}
