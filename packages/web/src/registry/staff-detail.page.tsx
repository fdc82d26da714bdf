import { useState } from 'react';
import type { Page as ApiPage } from '../shared/api-client';
import { AuditLink } from '../audit';
import { BlockKeyButton, type KeyRow, KeyStatus, PinResetButton, sayBlocked, sayKeyReason } from '../devices';
import { EntityLink } from '../shared/entity-link';
import { Page } from '../shared/page';
import { useDetailRecord } from '../shared/use-detail-record';
import { useResource } from '../shared/use-api';
import { ExplainSection, LockListSection, PermissionHistory, useLockList } from '../access';
import { FactList, Notice, ResourceStates } from '../shared/states';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import type { StaffRow } from './staff.page';
import { ValidityPeriod } from '../shared/phase-tag';
import type { MembershipRow } from './team-detail.page';
import { EditStaffButton } from './staff-form';
import { MembershipPhase } from './membership-phase';

function StaffKeys({ staffMemberId }: { staffMemberId: string }) {
  const translator = useTranslator();
  const { t, label } = translator;
  const session = useSession();
  const keys = useResource<ApiPage<KeyRow>>(`/keys?holderStaffMemberId=${staffMemberId}&limit=100`);
  const [notice, setNotice] = useState<string | undefined>();
  const items = keys.data?.items ?? [];
  const canBlock = session.can('digital_key', 'update');
  return (
    <Section title={t('staff.keys')}>
      {notice && <Notice>{notice}</Notice>}
      <ResourceStates resource={keys} isEmpty={items.length === 0} emptyText={t('staff.keysEmpty')}>
        <ul className="item-list">
          {items.map((key) => (
            <li key={key.id}>
              <Link to={`/keys/${key.id}`}>
                {label('keyKind', key.kind)} {key.serial}
              </Link>{' '}
              <KeyStatus status={key.status} />
              {key.statusReason && (
                <span className="muted"> – {sayKeyReason(translator, key.statusReason)}</span>
              )}
              {canBlock && (
                <span className="item-actions">
                  <PinResetButton keyRow={key} />{' '}
                  <BlockKeyButton
                    keyRow={key}
                    onBlocked={(updated) => {
                      setNotice(t(sayBlocked(updated)));
                      keys.reload();
                    }}
                  />
                </span>
              )}
            </li>
          ))}
        </ul>
      </ResourceStates>
    </Section>
  );
}

function StaffTeams({
  staffMemberId,
  employmentEndsOn,
}: {
  staffMemberId: string;
  employmentEndsOn: string | null;
}) {
  const { t } = useTranslator();
  const memberships = useResource<ApiPage<MembershipRow>>(
    `/team-memberships?staffMemberId=${staffMemberId}&limit=100`,
  );
  const items = memberships.data?.items ?? [];
  return (
    <Section title={t('staff.teams')}>
      <ResourceStates resource={memberships} isEmpty={items.length === 0} emptyText={t('staff.teamsEmpty')}>
        <ul className="item-list">
          {items.map((membership) => (
            <li key={membership.id}>
              <EntityLink apiPath="teams" pagePath="/teams" id={membership.teamId} />{' '}
              <MembershipPhase range={membership} employmentEndsOn={employmentEndsOn} />{' '}
              <ValidityPeriod range={membership} />
            </li>
          ))}
        </ul>
      </ResourceStates>
    </Section>
  );
}

export function StaffDetailPage({ id }: { id: string }) {
  const { t, label, formatDate } = useTranslator();
  const session = useSession();
  const { row, pending, reload } = useDetailRecord<StaffRow>('staff', id);
  if (!row) return pending;
  return (
    <Page
      title={`${row.givenName} ${row.familyName}`}
      backTo="/staff"
      actions={<EditStaffButton row={row} onSaved={reload} />}
    >
      <section className="card" aria-label={t('staff.title')}>
        <FactList
          facts={[
            [t('common.provider'), <EntityLink key="provider" apiPath="providers" id={row.providerId} />],
            [t('staff.employeeNumber'), row.employeeNumber ?? t('common.none')],
            [t('staff.occupation'), label('staffOccupation', row.occupation)],
            [t('staff.employmentStartsOn'), formatDate(row.employmentStartsOn)],
            [
              t('staff.employmentEndsOn'),
              row.employmentEndsOn ? formatDate(row.employmentEndsOn) : t('common.none'),
            ],
            [t('staff.pseudonym'), <code key="pseudonym">{row.pseudonym}</code>],
          ]}
        />
        <AuditLink entity="staff_member" id={row.id} />
      </section>
      <div className="two-columns">
        {session.can('digital_key') && <StaffKeys staffMemberId={row.id} />}
        {session.can('team_membership') && (
          <StaffTeams staffMemberId={row.id} employmentEndsOn={row.employmentEndsOn} />
        )}
      </div>
      {session.can('permission_check') && <StaffPermissions staffMemberId={row.id} />}
    </Page>
  );
}

function StaffPermissions({ staffMemberId }: { staffMemberId: string }) {
  const lockList = useLockList(staffMemberId);
  return (
    <>
      <LockListSection lockList={lockList} />
      <ExplainSection staffMemberId={staffMemberId} lockList={lockList.data} />
      <PermissionHistory subject="staff" id={staffMemberId} />
    </>
  );
}
