// The teams the customer is assigned to: assign one of a chosen provider's teams, or remove it.
import type { Static } from 'typebox';
import type { TeamCustomerRow as TeamCustomerRowSchema } from '@portvakt/contract';
import { useState, type FormEvent } from 'react';
import { namedChoices, RowButton } from '../components';
import { useSession } from '../accounts';
import type { TeamRow } from '../registry';
import { getEntityCached, listAll, postApi, requestApi } from '../shared/api-client';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { EntityLink } from '../shared/entity-link';
import { SelectField, SubmitButton } from '../shared/field';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { PhaseTag } from '../shared/phase-tag';
import { Notice, ResourceStates } from '../shared/states';
import { findValidityPhase } from '../shared/time';
import { useLoader } from '../shared/use-api';
import {
  chosenServices,
  useCustomerRows,
  useSectionChange,
  type CustomerSectionProps,
} from './customer-services';

type TeamCustomerRow = Static<typeof TeamCustomerRowSchema>;

export function TeamAssignmentsSection({ customerId, services, version, onChanged }: CustomerSectionProps) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const assignments = useCustomerRows<TeamCustomerRow>('/team-customers', customerId, version);
  const canCreate = session.can('team_customer', 'create');
  const canDelete = session.can('team_customer', 'delete');
  const teams = useLoader(canCreate ? 'teams' : null, (signal) =>
    listAll<TeamRow>('/teams', { sort: 'name' }, signal),
  );
  const [teamId, setTeamId] = useState('');
  const [removing, setRemoving] = useState<{ row: TeamCustomerRow; name: string } | undefined>();
  const { notice, setNotice, isBusy, run } = useSectionChange(assignments.reload, onChanged);

  const items = assignments.data?.items ?? [];
  const providers = new Set(chosenServices(services ?? []).map((service) => service.providerId));
  const assigned = new Set(
    items.filter((row) => findValidityPhase(row) !== 'ended').map((row) => row.teamId),
  );
  const candidates = (teams.data?.items ?? []).filter(
    (team) => providers.has(team.providerId) && !assigned.has(team.id),
  );

  const assign = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(undefined);
    if (!teamId) return setNotice({ text: t('customers.teamMissing'), tone: 'error' });
    await run(async () => {
      await postApi('/team-customers', { teamId, customerId });
      const team = candidates.find((row) => row.id === teamId);
      setTeamId('');
      return t('customers.teamAssigned', { team: team?.name ?? '' });
    });
  };

  const remove = async () => {
    if (!removing) return;
    await run(async () => {
      await requestApi('DELETE', `/team-customers/${removing.row.id}`);
      return t('customers.teamRemoved');
    });
    setRemoving(undefined);
  };

  return (
    <Section title={t('customers.teams')} intro={t('customers.teamsIntro')}>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      <ResourceStates
        resource={assignments}
        isEmpty={items.length === 0}
        emptyText={t('customers.teamsEmpty')}
      >
        <ul className="item-list">
          {items.map((row) => {
            return (
              <li key={row.id}>
                <EntityLink
                  apiPath="teams"
                  {...(session.can('team') ? { pagePath: '/teams' } : {})}
                  id={row.teamId}
                />{' '}
                <PhaseTag range={row} />
                <span className="muted">
                  {t('permissions.validRange', {
                    from: formatDateTime(row.validFrom),
                    until: row.validUntil ? formatDateTime(row.validUntil) : t('permissions.untilFurther'),
                  })}
                  {row.reason ? ` · ${row.reason}` : ''} · {t('common.grantedBy')} {row.grantedBy}
                </span>
                {canDelete && (
                  <span className="item-actions">
                    <RowButton
                      onClick={() => {
                        setRemoving({ row, name: '' });
                        getEntityCached<TeamRow>('teams', row.teamId).then(
                          (team) => setRemoving((current) => current && { ...current, name: team.name }),
                          () => undefined,
                        );
                      }}
                    >
                      {t('customers.teamRemove')}
                    </RowButton>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </ResourceStates>
      {canCreate && (
        <form className="form form-inline section-form" onSubmit={(event) => void assign(event)} noValidate>
          <SelectField
            label={t('customers.teamAssign')}
            value={teamId}
            onValue={setTeamId}
            blank={teams.isLoading ? t('common.loading') : t('customers.teamChoose')}
            options={namedChoices(candidates)}
          />
          <SubmitButton isBusy={isBusy}>{t('customers.teamAssignSubmit')}</SubmitButton>
          {teams.data && candidates.length === 0 && items.length === 0 && (
            <p className="hint">{t('customers.teamNone')}</p>
          )}
        </form>
      )}
      <ConfirmDialog
        isOpen={removing !== undefined}
        title={t('customers.teamRemoveTitle', { team: removing?.name ?? '' })}
        confirmLabel={t('customers.teamRemove')}
        isBusy={isBusy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(undefined)}
      >
        <p>{t('customers.teamRemoveText')}</p>
      </ConfirmDialog>
    </Section>
  );
}
