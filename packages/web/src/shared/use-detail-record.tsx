// A detail page's record, read by its id: the page shows `pending` until `row` is there.
import type { ReactNode } from 'react';
import { DetailError } from './detail-error';
import { useTranslator } from './i18n';
import type { ListName } from './list-page';
import { LoadingState } from './states';
import { useResource } from './use-api';

/**
 * Reads `/<name>/<id>`, the record of one row of the list `name`. `pending` is what the page
 * shows until the record is there: loading, or how reading it failed (titled `<name>.title`).
 */
export function useDetailRecord<Row>(
  name: ListName,
  id: string,
): { row: Row | undefined; pending: ReactNode; reload: () => void } {
  const { t } = useTranslator();
  const resource = useResource<Row>(`/${name}/${encodeURIComponent(id)}`);
  const pending = resource.error ? (
    <DetailError error={resource.error} title={t(`${name}.title`)} onRetry={resource.reload} />
  ) : (
    <LoadingState />
  );
  return { row: resource.data, pending, reload: resource.reload };
}
