import type { Resource } from '@portvakt/core';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import { withQuery } from '../shared/api-client';

/** A link to the audit trail filtered to one record, for roles that may read the trail. */
export function AuditLink({ entity, id }: { entity: Resource; id: string }) {
  const { t } = useTranslator();
  const session = useSession();
  if (!session.can('audit_entry')) return null;
  return (
    <p>
      <Link to={withQuery('/audit', { entity, entityId: id })}>{t('common.changeHistory')}</Link>
    </p>
  );
}
