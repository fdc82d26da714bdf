// Consent requests and each entrance's answer: for a property owner's login their own requests
// only (the API scopes them), for the municipality every request.
import type { Static } from 'typebox';
import type { ConsentRequestList } from '@portvakt/contract';
import { useSession } from '../accounts';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { ResourceStates } from '../shared/states';
import { useResource } from '../shared/use-api';
import { ConsentRequestCard } from './consent-request-card';

export function ConsentRequestsPage() {
  const { t } = useTranslator();
  // The owner reads about their own properties; the municipality's staff about every owner's.
  const isOwner = useSession().me.role === 'property_owner';
  const requests = useResource<Static<typeof ConsentRequestList>>('/consent-requests');
  const items = requests.data?.items ?? [];
  return (
    <Page
      title={t('consents.myRequestsTitle')}
      intro={isOwner ? t('consents.myRequestsIntro') : t('consents.allRequestsIntro')}
    >
      <ResourceStates resource={requests} isEmpty={items.length === 0} emptyText={t('consents.noRequests')}>
        <ul className="consent-requests">
          {items.map((request) => (
            <ConsentRequestCard key={request.id} request={request} onChange={requests.reload} />
          ))}
        </ul>
      </ResourceStates>
    </Page>
  );
}
