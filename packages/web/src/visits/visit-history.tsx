// A visit's history from the day view (R5.1, R5.3; docs/visits.md "Corrections"): every version,
// newest first, with who made it and when, why, what it changed, and the signed records it
// stands on. Loaded when the dialog opens.
import type { Visit, VisitDetail } from '@portvakt/contract';
import { checkInTakeOverReason } from '@portvakt/core';
import { useId, useState } from 'react';
import { ModalDialog } from '../shared/confirm-dialog';
import { useTranslator, type MessageKey, type Translator } from '../shared/i18n';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import {
  listChangedFields,
  sayAuthor,
  sayEvidence,
  type VersionField,
  type VisitVersion,
} from './visit-versions';

export function VisitHistoryButton({ visit }: { visit: Visit }) {
  const { t, formatDateTime } = useTranslator();
  const [isOpen, setIsOpen] = useState(false);
  const titleId = useId();
  const close = () => setIsOpen(false);
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setIsOpen(true)}>
        {t('visits.history')}
      </button>
      <ModalDialog isOpen={isOpen} titleId={titleId} onCancel={close}>
        <h2 id={titleId}>
          {t('visits.historyTitle', { customer: visit.customerName, time: formatDateTime(visit.arrival) })}
        </h2>
        {isOpen && <VisitVersions visit={visit} />}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={close}>
            {t('common.close')}
          </button>
        </div>
      </ModalDialog>
    </>
  );
}

function VisitVersions({ visit }: { visit: Visit }) {
  const translator = useTranslator();
  const { t } = translator;
  const detail = useResource<VisitDetail>(`/visits/${visit.id}`);
  const versions = detail.data?.versions ?? [];
  const sayValue = createValueSayer(translator, visit, detail.data);
  return (
    // A visit has at least its first version: never empty.
    <ResourceStates resource={detail} isEmpty={false} emptyText="">
      <ol className="visit-history" reversed>
        {versions
          .map((version, index) => ({ version, previous: versions[index - 1] }))
          .reverse()
          .map(({ version, previous }) => (
            <li key={version.version} data-version={version.version}>
              <h3>
                {t('visits.versionHeading', {
                  version: version.version,
                  at: translator.formatDateTime(version.createdAt),
                  by: sayAuthor(t, version),
                })}
              </h3>
              {version.reason && (
                <p>
                  {t('visits.versionReason', {
                    // A reason the server writes is a code; a person's stays as written.
                    reason:
                      version.reason === checkInTakeOverReason
                        ? t('visits.reason.phoneCheckIn')
                        : version.reason,
                  })}
                </p>
              )}
              <dl className="facts">
                {listChangedFields(version, previous).map((field) => (
                  <div key={field} className="fact" data-field={field}>
                    <dt>{t(fieldLabels[field])}</dt>
                    <dd>
                      {previous
                        ? t('visits.versionChange', {
                            before: sayValue(field, previous),
                            after: sayValue(field, version),
                          })
                        : sayValue(field, version)}
                    </dd>
                  </div>
                ))}
              </dl>
              <p className="hint" data-evidence>
                {sayEvidence(translator, version)}
              </p>
            </li>
          ))}
      </ol>
    </ResourceStates>
  );
}

const fieldLabels: Record<VersionField, MessageKey> = {
  customerId: 'visits.customer',
  arrival: 'visits.arrival',
  departure: 'visits.departure',
  staffMemberIds: 'visits.staff',
  services: 'visits.services',
  state: 'visits.state',
};

/** A field of a version in words: names for people, local times, labels for codes. */
function createValueSayer(translator: Translator, visit: Visit, detail: VisitDetail | undefined) {
  const { t, label, formatDateTime } = translator;
  // A move within a home names the other spouse as far as the reader may see them.
  const customerNames = new Map([
    [visit.customerId, visit.customerName],
    ...(detail?.homeCustomers ?? []).map((customer) => [customer.id, customer.name] as const),
  ]);
  const orNone = (text: string) => text || t('visits.versionNone');
  return (field: VersionField, version: VisitVersion): string => {
    switch (field) {
      case 'customerId':
        return customerNames.get(version.customerId) ?? t('visits.versionOtherCustomer');
      case 'arrival':
        return formatDateTime(version.arrival);
      case 'departure':
        return version.departure ? formatDateTime(version.departure) : t('visits.versionNoDeparture');
      case 'staffMemberIds':
        return orNone(version.staffNames.join(', '));
      case 'services':
        return orNone(version.services.map((service) => label('visitService', service)).join(', '));
      case 'state':
        return label('visitState', version.state);
    }
  };
}
