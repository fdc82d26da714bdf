import type { Static } from 'typebox';
import type {
  TeamMembershipRow as TeamMembershipRowSchema,
  TeamCustomerRow as TeamCustomerRowSchema,
} from '@portvakt/contract';
import { useState } from 'react';
import { forgetCachedEntities, getEntityCached, listAll, postApi, requestApi } from '../shared/api-client';
import { AuditLink } from '../audit';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { PagedTable, type Column } from '../shared/data-table';
import { describeEntity, EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useDetailRecord } from '../shared/use-detail-record';
import { EditTeamButton } from './staff-form';
import { MemberPhase } from './membership-phase';
import { FactList, Notice, ResourceStates, SendingNotice } from '../shared/states';
import { CheckboxField, InputField, SubmitButton } from '../shared/field';
import { Section } from '../shared/section';
import { TeamNightAccessSection } from '../rollout';
import { say, useTranslator } from '../shared/i18n';
import { PhaseTag, ValidityPeriod } from '../shared/phase-tag';
import { findValidityPhase, toLocalInputValue } from '../shared/time';
import { useSession } from '../accounts';
import { useEntity, useLoader, usePagedList } from '../shared/use-api';
import { useFormSubmit, useSending } from '../shared/use-form-submit';
import { StaffPicker } from './staff-picker';
import type { StaffRow } from './staff.page';
import type { TeamRow } from './teams.page';

export type MembershipRow = Static<typeof TeamMembershipRowSchema>;

/** A shift from now, rounded up to the hour: the usual length of a stand-in's access. */
function suggestMembershipEnd(): string {
  const end = new Date(Date.now() + 8 * 60 * 60 * 1000);
  end.setMinutes(0, 0, 0);
  end.setHours(end.getHours() + 1);
  return toLocalInputValue(end);
}

function AddMemberForm({ team, onAdded }: { team: TeamRow; onAdded: (name: string) => void }) {
  const { t } = useTranslator();
  const [staffMemberId, setStaffMemberId] = useState('');
  const [chosen, setChosen] = useState<StaffRow | undefined>();
  const [isTemporary, setIsTemporary] = useState(true);
  const [validUntil, setValidUntil] = useState(suggestMembershipEnd);

  const { problem, isBusy, submit } = useFormSubmit(async () => {
    if (!staffMemberId) return say('teams.staffMissing');
    let until: string | null = null;
    if (isTemporary) {
      const parsed = new Date(validUntil);
      if (!validUntil || Number.isNaN(parsed.getTime())) return say('teams.validUntilMissing');
      if (parsed.getTime() <= Date.now()) return say('teams.validUntilPast');
      until = parsed.toISOString();
    }
    await postApi('/team-memberships', { teamId: team.id, staffMemberId, validUntil: until });
    setStaffMemberId('');
    setChosen(undefined);
    setValidUntil(suggestMembershipEnd());
    onAdded(chosen ? describeEntity(chosen) : '');
  });

  return (
    <Section title={t('teams.addMember')} intro={t('teams.addMemberIntro')}>
      <form className="form form-inline" onSubmit={(event) => void submit(event)} noValidate>
        {problem && <Notice tone="error">{problem}</Notice>}
        <StaffPicker
          label={t('teams.member')}
          providerIds={[team.providerId]}
          value={staffMemberId}
          onChange={(id, row) => {
            setStaffMemberId(id);
            setChosen(row);
          }}
        />
        <CheckboxField label={t('teams.isTemporary')} isChecked={isTemporary} onChange={setIsTemporary} />
        {isTemporary && (
          <InputField
            label={t('teams.validUntil')}
            type="datetime-local"
            value={validUntil}
            min={toLocalInputValue(new Date())}
            onValue={setValidUntil}
            required
          />
        )}
        <SubmitButton isBusy={isBusy}>{t('teams.add')}</SubmitButton>
      </form>
    </Section>
  );
}

export function TeamDetailPage({ id }: { id: string }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const { row, pending, reload } = useDetailRecord<TeamRow>('teams', id);
  const memberships = usePagedList<MembershipRow>('/team-memberships', { teamId: id, sort: '-validFrom' });
  const [ending, setEnding] = useState<MembershipRow | undefined>();
  const [endingName, setEndingName] = useState('');
  // The notice under the members: what was done last, adding a member or ending a membership, or
  // the problem of an ending that failed.
  const membershipSending = useSending();

  if (!row) return pending;
  const canAdd = session.can('team_membership', 'create');
  const canEnd = session.can('team_membership', 'update');

  const endMembership = (membership: MembershipRow) =>
    membershipSending.run(async () => {
      try {
        // An upcoming membership has no "now" inside it to end at, so it is withdrawn instead.
        if (findValidityPhase(membership) === 'upcoming')
          await requestApi('DELETE', `/team-memberships/${membership.id}`);
        else
          await requestApi('PATCH', `/team-memberships/${membership.id}`, {
            validUntil: new Date().toISOString(),
          });
      } finally {
        setEnding(undefined);
      }
      forgetCachedEntities('team-memberships');
      membershipSending.setDone(say('teams.ended.notice'));
      memberships.reload();
    });

  const columns: Array<Column<MembershipRow>> = [
    {
      key: 'staff',
      header: t('teams.member'),
      render: (membership) => <EntityLink apiPath="staff" pagePath="/staff" id={membership.staffMemberId} />,
    },
    {
      key: 'state',
      header: t('teams.membershipState'),
      render: (membership) => <MemberPhase membership={membership} />,
    },
    {
      key: 'validFrom',
      header: t('teams.validFrom'),
      sortField: 'validFrom',
      render: (membership) => formatDateTime(membership.validFrom),
    },
    {
      key: 'validUntil',
      header: t('teams.validUntil'),
      render: (membership) =>
        membership.validUntil ? formatDateTime(membership.validUntil) : t('teams.permanent'),
    },
    ...(canEnd
      ? [
          {
            key: 'actions',
            header: '',
            render: (membership: MembershipRow) =>
              findValidityPhase(membership) === 'ended' ? null : (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => {
                    setEndingName('');
                    setEnding(membership);
                    getEntityCached<StaffRow>('staff', membership.staffMemberId).then(
                      (staff) => setEndingName(describeEntity(staff)),
                      () => setEndingName(''),
                    );
                  }}
                >
                  {t('teams.endMembership')}
                </button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Page title={row.name} backTo="/teams" actions={<EditTeamButton row={row} onSaved={reload} />}>
      <section className="card" aria-label={t('teams.title')}>
        <FactList
          facts={[
            [t('common.provider'), <EntityLink key="provider" apiPath="providers" id={row.providerId} />],
            [t('common.district'), <EntityLink key="district" apiPath="districts" id={row.districtId} />],
            [t('teams.area'), row.area ?? t('common.none')],
          ]}
        />
        <AuditLink entity="team" id={row.id} />
      </section>
      {canAdd && (
        <AddMemberForm
          team={row}
          onAdded={(name) => {
            membershipSending.setProblem(undefined);
            membershipSending.setDone(say('teams.added', { name }));
            memberships.reload();
          }}
        />
      )}
      <Section title={t('teams.members')}>
        <SendingNotice problem={membershipSending.problem} done={membershipSending.done} />
        <PagedTable
          list={memberships}
          caption={t('teams.members')}
          columns={columns}
          emptyText={t('teams.membersEmpty')}
        />
      </Section>
      {session.can('team_customer') && <TeamCustomers teamId={row.id} />}
      <TeamNightAccessSection teamId={row.id} />
      <ConfirmDialog
        isOpen={ending !== undefined}
        title={t('teams.endMembershipTitle', { name: endingName })}
        confirmLabel={t('teams.endMembershipConfirm')}
        isBusy={membershipSending.isBusy}
        onConfirm={() => ending && void endMembership(ending)}
        onCancel={() => setEnding(undefined)}
      >
        <p>{t('teams.endMembershipText')}</p>
      </ConfirmDialog>
    </Page>
  );
}

type TeamCustomerRow = Static<typeof TeamCustomerRowSchema>;

/** The customers the team is assigned to; assigning happens on the customer's page. */
function TeamCustomers({ teamId }: { teamId: string }) {
  const { t } = useTranslator();
  const assignments = useLoader(`team-customers:${teamId}`, (signal) =>
    listAll<TeamCustomerRow>('/team-customers', { teamId, sort: 'validFrom' }, signal),
  );
  const items = assignments.data?.items ?? [];
  return (
    <Section title={t('teams.customerAssignment')} intro={t('teams.customerAssignmentIntro')}>
      <ResourceStates
        resource={assignments}
        isEmpty={items.length === 0}
        emptyText={t('teams.customerAssignmentEmpty')}
      >
        <ul className="item-list">
          {items.map((row) => (
            <TeamCustomerItem key={row.id} row={row} />
          ))}
        </ul>
      </ResourceStates>
    </Section>
  );
}

/**
 * One customer of the team. Every role that reads a team's customers reads customers, and a work
 * lead reads those their provider serves (or will): a customer they cannot read is one the
 * provider no longer serves (the assignment was made while it did, R3.2), whose doors the
 * assignment no longer opens, not another provider's.
 */
function TeamCustomerItem({ row }: { row: TeamCustomerRow }) {
  const { t } = useTranslator();
  const session = useSession();
  const { isHidden } = useEntity('customers', row.customerId);
  if (isHidden)
    return (
      <li>
        <span className="muted">{t('teams.formerCustomer')}</span>{' '}
        {findValidityPhase(row) === 'ended' ? (
          <PhaseTag range={row} />
        ) : (
          <span className="tag tag-membership-ended">{t('teams.formerCustomerOpensNothing')}</span>
        )}{' '}
        <ValidityPeriod range={row} />
      </li>
    );
  return (
    <li>
      <EntityLink
        apiPath="customers"
        {...(session.can('customer') ? { pagePath: '/customers' } : {})}
        id={row.customerId}
      />{' '}
      <PhaseTag range={row} /> <ValidityPeriod range={row} />
    </li>
  );
}
