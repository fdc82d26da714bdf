// A changed value of the audit trail on the page (audit-values.ts says what it is): a referenced
// record by its name, linked to its page where the console has one and the reader may open it,
// its id in the title; a record no longer there as "(borttagen)", its id kept in the title.
import type { Resource } from '@portvakt/core';
import { Fragment } from 'react';
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { isListOfObjects, type ShownValue } from './audit-values';

/** Console pages that show one record of a kind, by id. */
export const recordPages: Partial<Record<Resource, string>> = {
  customer: '/customers',
  lock_device: '/locks',
  staff_member: '/staff',
  digital_key: '/keys',
  team: '/teams',
  provider: '/providers',
  key_cabinet: '/key-cabinets',
  work_order: '/work-orders',
  locksmith_company: '/locksmith-companies',
  property_owner: '/property-owners',
  support_case: '/support',
};

function ReferenceValue({ value }: { value: Extract<ShownValue, { type: 'reference' }> }) {
  const { t } = useTranslator();
  const session = useSession();
  if (value.name === null)
    return (
      <span className="muted audit-removed" title={value.id}>
        {t('audit.removedReference')}
      </span>
    );
  const page = recordPages[value.kind];
  return page && session.can(value.kind) ? (
    <Link to={`${page}/${value.id}`} title={value.id}>
      {value.name}
    </Link>
  ) : (
    <span title={value.id}>{value.name}</span>
  );
}

export function AuditValue({ value }: { value: ShownValue }) {
  switch (value.type) {
    case 'text':
      return <>{value.text}</>;
    case 'reference':
      return <ReferenceValue value={value} />;
    case 'list':
      return isListOfObjects(value.items) ? (
        <ul className="audit-value-items">
          {value.items.map((item, index) => (
            <li key={index}>
              <AuditValue value={item} />
            </li>
          ))}
        </ul>
      ) : (
        <>
          {value.items.map((item, index) => (
            <Fragment key={index}>
              {index > 0 && ', '}
              <AuditValue value={item} />
            </Fragment>
          ))}
        </>
      );
    case 'fields':
      return (
        <span className="audit-value-fields">
          {value.fields.map((shown, index) => (
            <Fragment key={shown.field}>
              {index > 0 && '; '}
              <span className="audit-value-label">
                {shown.name.isStoredName ? <code>{shown.name.text}</code> : shown.name.text}:
              </span>{' '}
              <AuditValue value={shown.value} />
            </Fragment>
          ))}
        </span>
      );
  }
}
