// One consent request: property, contact, when sent and reminded, each entrance with its status
// badge and answer, the letter to download, and (for lock managers) a withdrawal recorded.
import type { ConsentRequest } from '@portvakt/contract';
import { useState } from 'react';
import { useSession } from '../accounts';
import { postApi } from '../shared/api-client';
import { HeadedTable } from '../shared/data-table';
import { InputField, SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Notice } from '../shared/states';
import { useFormSubmit } from '../shared/use-form-submit';
import { ConsentStatusTag } from './consent-status-tag';
import { ContactKindField } from './contact-kind-field';

function WithdrawalForm({ request, onDone }: { request: ConsentRequest; onDone: () => void }) {
  const { t } = useTranslator();
  const consented = request.doors.filter((door) => door.status === 'consented');
  const [doorId, setDoorId] = useState(consented[0]?.doorId ?? '');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('letter');
  const { problem, submit } = useFormSubmit(async () => {
    await postApi(`/consent-requests/${request.id}/withdrawals`, {
      kind,
      doorIds: [doorId],
      name: name.trim(),
    });
    onDone();
  });
  if (consented.length === 0) return null;
  return (
    <details className="consent-withdrawal">
      <summary>{t('consents.withdraw')}</summary>
      <form onSubmit={(event) => void submit(event)} className="inline-form">
        <SelectField
          label={t('consents.door')}
          value={doorId}
          onValue={setDoorId}
          options={consented.map((door) => ({ value: door.doorId, label: door.label }))}
        />
        <ContactKindField value={kind} onChange={setKind} />
        <InputField label={t('consents.withdrawnBy')} required value={name} onValue={setName} />
        {problem && <Notice tone="error">{problem}</Notice>}
        <button type="submit" className="button button-secondary">
          {t('consents.withdraw')}
        </button>
      </form>
    </details>
  );
}

export function ConsentRequestCard({ request, onChange }: { request: ConsentRequest; onChange: () => void }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  return (
    <li className="card consent-request" data-request={request.id}>
      <h3>
        {request.streetAddress} <span className="muted">({request.propertyDesignation})</span>
      </h3>
      <dl className="facts">
        <div className="fact">
          <dt>{t('consents.contact')}</dt>
          <dd>
            {request.contactName}
            {request.contactEmail ? ` <${request.contactEmail}>` : ''}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('consents.sentAt')}</dt>
          <dd>{formatDateTime(request.lastSentAt)}</dd>
        </div>
        <div className="fact">
          <dt>{t('consents.reminders')}</dt>
          <dd>{request.reminderCount}</dd>
        </div>
        <div className="fact">
          <dt>{t('consents.answeredAt')}</dt>
          <dd>{request.answeredAt ? formatDateTime(request.answeredAt) : t('consents.notAnswered')}</dd>
        </div>
      </dl>
      <HeadedTable headers={[t('consents.door'), t('consents.status'), t('consents.answeredBy')]}>
        {request.doors.map((door) => (
          <tr key={door.doorId} data-door={door.doorId}>
            <td>{door.label}</td>
            <td>
              <ConsentStatusTag status={door.status} />
            </td>
            <td>
              {door.answeredByName
                ? `${door.answeredByName}${door.answeredByTitle ? `, ${door.answeredByTitle}` : ''}, ${formatDateTime(door.answeredAt)}`
                : '–'}
            </td>
          </tr>
        ))}
      </HeadedTable>
      <p>
        <a
          className="button button-secondary"
          href={`/api/v1/consent-requests/${request.id}/letter.pdf`}
          download
        >
          {t('consents.letter')}
        </a>
      </p>
      {session.can('consent_request', 'update') && <WithdrawalForm request={request} onDone={onChange} />}
    </li>
  );
}
