// The customer page's permission sections: who can open each door now (or at another time), the
// teams the customer is assigned to, and individual temporary grants.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  ApiRequestError,
  forgetCachedEntities,
  getEntityCached,
  listAll,
  postApi,
  requestApi,
  withQuery,
  type Page as ApiPage,
} from '../shared/api-client';
import { ConfirmDialog } from '../shared/confirm-dialog';
import { describeEntity, EntityLink } from '../shared/entity-link';
import { AtTimePicker, ReasonList, RuleBadge, type Reason } from './permissions';
import { EmptyState, ErrorState, LoadingState, Notice } from '../shared/states';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts/session';
import {
  findValidityPhase,
  fromLocalInputValue,
  suggestEndOfShift,
  toLocalInputValue,
  type Phase,
  type ServiceWindow,
} from '../shared/time';
import { useLoader, useResource } from '../shared/use-api';
import type { StaffRow } from '../registry/staff.page';
import type { TeamRow } from '../registry/teams.page';

export interface CustomerServiceRow {
  id: string;
  service: string;
  providerId: string;
  startsOn: string;
  endsOn: string | null;
}

interface ProviderRow {
  id: string;
  name: string;
  serviceWindows?: Partial<Record<string, ServiceWindow[]>>;
}

interface WhoCanOpen {
  customerId: string;
  at: string;
  doors: Array<{
    doorId: string;
    label: string;
    kind: string;
    lockId: string | null;
    staff: Array<{ staffMemberId: string; name: string; providerId: string; reasons: Reason[] }>;
  }>;
}

interface GrantRow {
  id: string;
  staffMemberId: string;
  customerId: string | null;
  doorId: string | null;
  validFrom: string;
  validUntil: string;
  reason: string;
  grantedBy: string;
}

interface TeamCustomerRow {
  id: string;
  teamId: string;
  customerId: string;
  validFrom: string;
  validUntil: string | null;
  reason: string | null;
  grantedBy: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Services running now or later: the providers the customer has chosen (R3.2). */
export function chosenServices(services: CustomerServiceRow[]): CustomerServiceRow[] {
  const day = today();
  return services.filter((service) => !service.endsOn || service.endsOn >= day);
}

function PhaseTag({ phase }: { phase: Phase }) {
  const { t } = useTranslator();
  const text = { current: t('teams.current'), upcoming: t('teams.upcoming'), ended: t('teams.ended') }[phase];
  return <span className={`tag tag-membership-${phase}`}>{text}</span>;
}

function problemText(describeError: (code: string | undefined, fallback: string) => string, error: unknown) {
  const apiError = error instanceof ApiRequestError ? error : undefined;
  return describeError(apiError?.code, apiError?.message ?? String(error));
}

/** Calls `reload` whenever `version` changes after the first render (a change elsewhere on the page). */
function useReloadOn(version: number, reload: () => void) {
  const first = useRef(version);
  useEffect(() => {
    if (version !== first.current) reload();
  }, [version, reload]);
}

export function WhoCanOpenSection({ customerId, version }: { customerId: string; version: number }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const headingId = useId();
  const [at, setAt] = useState<string | undefined>();
  const result = useResource<WhoCanOpen>(
    withQuery(`/customers/${encodeURIComponent(customerId)}/who-can-open`, { at }),
  );
  useReloadOn(version, result.reload);
  const canOpenStaff = session.can('staff_member');
  const doors = result.data?.doors ?? [];
  return (
    <section className="card" aria-labelledby={headingId} data-section="who-can-open">
      <h2 id={headingId}>{t('customers.whoCanOpen')}</h2>
      <p className="muted">{t('customers.whoCanOpenIntro')}</p>
      <AtTimePicker at={at} onChange={setAt} />
      {session.me.providerId && <p className="hint">{t('customers.whoCanOpenOnlyOwn')}</p>}
      {result.isLoading && <LoadingState />}
      {result.error && <ErrorState error={result.error} onRetry={result.reload} />}
      {result.data && !result.isLoading && (
        <p className="at-note" aria-live="polite">
          {t('customers.whoCanOpenAt', { at: formatDateTime(result.data.at) })}
        </p>
      )}
      {result.data && doors.length === 0 && <EmptyState>{t('customers.whoCanOpenNoPath')}</EmptyState>}
      {doors.length > 0 && <WhoCanOpenTable doors={doors} canOpenStaff={canOpenStaff} />}
    </section>
  );
}

interface StaffAccess {
  staffMemberId: string;
  name: string;
  providerId: string;
  /** Rules per door id; a door missing here cannot be opened by the person. */
  rulesByDoor: Map<string, string[]>;
  reasons: Reason[];
}

/**
 * One row per person, one column per door on the way in (in path order) with the rules that let
 * them through; the server's explanation folds out per row. The same people usually open every
 * door, so this stays short where a list per door would repeat each name for every door.
 */
function WhoCanOpenTable({ doors, canOpenStaff }: { doors: WhoCanOpen['doors']; canOpenStaff: boolean }) {
  const { t } = useTranslator();
  const people = new Map<string, StaffAccess>();
  for (const door of doors) {
    for (const staff of door.staff) {
      let person = people.get(staff.staffMemberId);
      if (!person) {
        person = { ...staff, rulesByDoor: new Map(), reasons: [] };
        people.set(staff.staffMemberId, person);
      }
      person.rulesByDoor.set(door.doorId, [...new Set(staff.reasons.map((reason) => reason.rule))]);
      for (const reason of staff.reasons)
        if (!person.reasons.some((known) => known.rule === reason.rule && known.text === reason.text))
          person.reasons.push(reason);
    }
  }
  // Individual grants first: they are the exceptions someone should look at.
  const rows = [...people.values()].sort((a, b) => {
    const aGrant = a.reasons.some((reason) => reason.rule === 'individual_grant') ? 0 : 1;
    const bGrant = b.reasons.some((reason) => reason.rule === 'individual_grant') ? 0 : 1;
    return aGrant - bGrant || a.name.localeCompare(b.name, 'sv');
  });
  const closed = doors.filter((door) => door.lockId && door.staff.length === 0);
  // Everyone who can open the shared entrance is listed too (through neighbours in the building);
  // those who get all the way in come first, the rest fold away.
  const locked = doors.filter((door) => door.lockId);
  const allTheWay = rows.filter((person) => locked.every((door) => person.rulesByDoor.has(door.doorId)));
  const partway = rows.filter((person) => !allTheWay.includes(person));
  return (
    <>
      {closed.length > 0 && (
        <p className="state state-empty">
          {t('customers.whoCanOpenNobody')} ({closed.map((door) => door.label).join(', ')})
        </p>
      )}
      {allTheWay.length > 0 ? (
        <AccessTable
          caption={t('customers.whoCanOpenAllTheWay', { count: allTheWay.length })}
          doors={doors}
          rows={allTheWay}
          canOpenStaff={canOpenStaff}
        />
      ) : (
        locked.length > 0 && <p className="state state-empty">{t('customers.whoCanOpenNobodyAllTheWay')}</p>
      )}
      {partway.length > 0 && (
        <details className="partway">
          <summary>{t('customers.whoCanOpenPartway', { count: partway.length })}</summary>
          <AccessTable
            caption={t('customers.whoCanOpenPartwayCaption')}
            doors={doors}
            rows={partway}
            canOpenStaff={canOpenStaff}
          />
        </details>
      )}
    </>
  );
}

function AccessTable({
  caption,
  doors,
  rows,
  canOpenStaff,
}: {
  caption: string;
  doors: WhoCanOpen['doors'];
  rows: StaffAccess[];
  canOpenStaff: boolean;
}) {
  const { t, label } = useTranslator();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="data-table who-can-open-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('customers.grantStaff')}</th>
            {doors.map((door) => (
              <th key={door.doorId} scope="col" data-door={door.label}>
                {door.label}
                <span className="door-kind">{label('doorKind', door.kind)}</span>
              </th>
            ))}
            <th scope="col">{t('customers.whoCanOpenWhy')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((person) => (
            <tr key={person.staffMemberId} data-staff={person.name}>
              <th scope="row">
                {canOpenStaff ? (
                  <Link to={`/staff/${person.staffMemberId}`}>{person.name}</Link>
                ) : (
                  person.name
                )}
                <span className="door-kind">
                  <EntityLink
                    apiPath="providers"
                    id={person.providerId}
                    hiddenText={t('common.unknownProvider')}
                  />
                </span>
              </th>
              {doors.map((door) => {
                const rules = person.rulesByDoor.get(door.doorId);
                return (
                  <td key={door.doorId} data-door={door.label}>
                    {!door.lockId ? (
                      <span className="muted">{t('customers.noLock')}</span>
                    ) : rules ? (
                      <span className="badge-row">
                        {rules.map((rule) => (
                          <RuleBadge key={rule} rule={rule} />
                        ))}
                      </span>
                    ) : (
                      <span className="muted">
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">{t('common.denied')}</span>
                      </span>
                    )}
                  </td>
                );
              })}
              <td>
                <details className="why">
                  <summary>{t('customers.whoCanOpenShowWhy')}</summary>
                  <ReasonList reasons={person.reasons} />
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TeamAssignmentsSection({
  customerId,
  services,
  version,
  onChanged,
}: {
  customerId: string;
  services: CustomerServiceRow[] | undefined;
  version: number;
  onChanged: () => void;
}) {
  const { t, formatDateTime, describeError } = useTranslator();
  const session = useSession();
  const headingId = useId();
  const teamSelectId = useId();
  const assignments = useResource<ApiPage<TeamCustomerRow>>(
    withQuery('/team-customers', { customerId, limit: 100, sort: '-validFrom' }),
  );
  useReloadOn(version, assignments.reload);
  const canCreate = session.can('team_customer', 'create');
  const canDelete = session.can('team_customer', 'delete');
  const teams = useLoader(canCreate ? 'teams' : null, (signal) =>
    listAll<TeamRow>('/teams', { sort: 'name' }, signal),
  );
  const [teamId, setTeamId] = useState('');
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | undefined>();
  const [removing, setRemoving] = useState<{ row: TeamCustomerRow; name: string } | undefined>();
  const [isBusy, setIsBusy] = useState(false);

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
    setIsBusy(true);
    try {
      await postApi('/team-customers', { teamId, customerId });
      const team = candidates.find((row) => row.id === teamId);
      setTeamId('');
      setNotice({ text: t('customers.teamAssigned', { team: team?.name ?? '' }), tone: 'success' });
      assignments.reload();
      onChanged();
    } catch (error) {
      setNotice({ text: problemText(describeError, error), tone: 'error' });
    } finally {
      setIsBusy(false);
    }
  };

  const remove = async () => {
    if (!removing) return;
    setIsBusy(true);
    try {
      await requestApi('DELETE', `/team-customers/${removing.row.id}`);
      setNotice({ text: t('customers.teamRemoved'), tone: 'success' });
      assignments.reload();
      onChanged();
    } catch (error) {
      setNotice({ text: problemText(describeError, error), tone: 'error' });
    } finally {
      setIsBusy(false);
      setRemoving(undefined);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('customers.teams')}</h2>
      <p className="muted">{t('customers.teamsIntro')}</p>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {assignments.isLoading && <LoadingState />}
      {assignments.error && <ErrorState error={assignments.error} onRetry={assignments.reload} />}
      {assignments.data && items.length === 0 && <EmptyState>{t('customers.teamsEmpty')}</EmptyState>}
      {items.length > 0 && (
        <ul className="item-list">
          {items.map((row) => {
            const phase = findValidityPhase(row);
            return (
              <li key={row.id}>
                <EntityLink
                  apiPath="teams"
                  {...(session.can('team') ? { pagePath: '/teams' } : {})}
                  id={row.teamId}
                />{' '}
                <PhaseTag phase={phase} />
                <span className="muted">
                  {t('permissions.validRange', {
                    from: formatDateTime(row.validFrom),
                    until: row.validUntil ? formatDateTime(row.validUntil) : t('permissions.untilFurther'),
                  })}
                  {row.reason ? ` · ${row.reason}` : ''} · {t('common.grantedBy')} {row.grantedBy}
                </span>
                {canDelete && (
                  <span className="item-actions">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() => {
                        setRemoving({ row, name: '' });
                        getEntityCached<TeamRow>('teams', row.teamId).then(
                          (team) => setRemoving((current) => current && { ...current, name: team.name }),
                          () => undefined,
                        );
                      }}
                    >
                      {t('customers.teamRemove')}
                    </button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {canCreate && (
        <form className="form form-inline section-form" onSubmit={(event) => void assign(event)} noValidate>
          <div className="field">
            <label htmlFor={teamSelectId}>{t('customers.teamAssign')}</label>
            <select id={teamSelectId} value={teamId} onChange={(event) => setTeamId(event.target.value)}>
              <option value="">{teams.isLoading ? t('common.loading') : t('customers.teamChoose')}</option>
              {candidates.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-primary" disabled={isBusy}>
            {isBusy ? t('common.saving') : t('customers.teamAssignSubmit')}
          </button>
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
    </section>
  );
}

function GrantForm({
  customerId,
  services,
  onGranted,
}: {
  customerId: string;
  services: CustomerServiceRow[];
  onGranted: (text: string) => void;
}) {
  const { t, formatDateTime, describeError } = useTranslator();
  const session = useSession();
  const staffId = useId();
  const untilId = useId();
  const untilHintId = useId();
  const reasonId = useId();
  const reasonHintId = useId();
  const ownProvider = session.me.providerId;
  const chosen = chosenServices(services).filter(
    (service) => !ownProvider || service.providerId === ownProvider,
  );
  const providerIds = [...new Set(chosen.map((service) => service.providerId))].sort();
  const staff = useLoader(
    providerIds.length > 0 ? `grant-staff:${providerIds.join(',')}` : null,
    async (signal) => {
      const lists = await Promise.all(
        providerIds.map((providerId) =>
          listAll<StaffRow>('/staff', { providerId, sort: 'familyName' }, signal),
        ),
      );
      return lists.flatMap((list) => list.items);
    },
  );
  const [staffMemberId, setStaffMemberId] = useState('');
  const [validUntil, setValidUntil] = useState(() => toLocalInputValue(suggestEndOfShift(undefined)));
  const [isUntilTouched, setIsUntilTouched] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<
    { text: string; field?: 'staff' | 'until' | 'reason' } | undefined
  >();
  const [isBusy, setIsBusy] = useState(false);

  const day = today();
  const candidates = (staff.data ?? []).filter((row) => !row.employmentEndsOn || row.employmentEndsOn >= day);

  // The suggested end follows the chosen person's provider: a night patrol's shift ends at 07:00.
  const chooseStaff = (id: string) => {
    setStaffMemberId(id);
    const row = candidates.find((candidate) => candidate.id === id);
    if (!row || isUntilTouched) return;
    const service =
      chosen.find((candidate) => candidate.providerId === row.providerId)?.service ?? 'home_care';
    getEntityCached<ProviderRow>('providers', row.providerId).then(
      (provider) =>
        setValidUntil(toLocalInputValue(suggestEndOfShift(provider.serviceWindows?.[service] ?? undefined))),
      () => undefined,
    );
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    if (!staffMemberId) return setProblem({ text: t('customers.grantStaffMissing'), field: 'staff' });
    const until = fromLocalInputValue(validUntil);
    if (!until) return setProblem({ text: t('customers.grantUntilMissing'), field: 'until' });
    if (until.getTime() <= Date.now())
      return setProblem({ text: t('customers.grantUntilPast'), field: 'until' });
    if (reason.trim().length < 3)
      return setProblem({ text: t('customers.grantReasonMissing'), field: 'reason' });
    setIsBusy(true);
    try {
      await postApi('/access-grants', {
        staffMemberId,
        customerId,
        validUntil: until.toISOString(),
        reason: reason.trim(),
      });
      const row = candidates.find((candidate) => candidate.id === staffMemberId);
      setStaffMemberId('');
      setReason('');
      setIsUntilTouched(false);
      setValidUntil(toLocalInputValue(suggestEndOfShift(undefined)));
      onGranted(
        t('customers.grantGiven', {
          name: row ? describeEntity(row) : '',
          until: formatDateTime(until.toISOString()),
        }),
      );
    } catch (error) {
      setProblem({ text: problemText(describeError, error) });
    } finally {
      setIsBusy(false);
    }
  };

  if (providerIds.length === 0) return <p className="hint">{t('customers.grantNoProvider')}</p>;

  return (
    <form
      className="form grant-form"
      aria-label={t('customers.grantGive')}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3>{t('customers.grantGive')}</h3>
      {problem && <Notice tone="error">{problem.text}</Notice>}
      {staff.error && <ErrorState error={staff.error} onRetry={staff.reload} />}
      <div className="form-inline">
        <div className="field">
          <label htmlFor={staffId}>{t('customers.grantStaff')}</label>
          <select
            id={staffId}
            value={staffMemberId}
            aria-invalid={problem?.field === 'staff'}
            onChange={(event) => chooseStaff(event.target.value)}
            required
          >
            <option value="">{staff.isLoading ? t('common.loading') : t('teams.chooseStaff')}</option>
            {candidates.map((row) => (
              <option key={row.id} value={row.id}>
                {row.familyName}, {row.givenName}
                {row.employeeNumber ? ` (${row.employeeNumber})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={untilId}>{t('customers.grantUntil')}</label>
          <input
            id={untilId}
            type="datetime-local"
            value={validUntil}
            min={toLocalInputValue(new Date())}
            aria-describedby={untilHintId}
            aria-invalid={problem?.field === 'until'}
            onChange={(event) => {
              setIsUntilTouched(true);
              setValidUntil(event.target.value);
            }}
            required
          />
          <p id={untilHintId} className="hint">
            {t('customers.grantUntilHint')}
          </p>
        </div>
      </div>
      <div className="field">
        <label htmlFor={reasonId}>
          {t('customers.grantReason')} <span className="muted">({t('common.required')})</span>
        </label>
        <textarea
          id={reasonId}
          rows={2}
          maxLength={500}
          value={reason}
          aria-describedby={reasonHintId}
          aria-invalid={problem?.field === 'reason'}
          onChange={(event) => setReason(event.target.value)}
          required
        />
        <p id={reasonHintId} className="hint">
          {t('customers.grantReasonHint')}
        </p>
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={isBusy}>
          {isBusy ? t('common.saving') : t('customers.grantSubmit')}
        </button>
      </div>
    </form>
  );
}

export function GrantsSection({
  customerId,
  services,
  version,
  onChanged,
}: {
  customerId: string;
  services: CustomerServiceRow[] | undefined;
  version: number;
  onChanged: () => void;
}) {
  const { t, formatDateTime, describeError } = useTranslator();
  const session = useSession();
  const headingId = useId();
  const grants = useResource<ApiPage<GrantRow>>(
    withQuery('/access-grants', { customerId, limit: 100, sort: '-validFrom' }),
  );
  useReloadOn(version, grants.reload);
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error' } | undefined>();
  const [pending, setPending] = useState<
    { row: GrantRow; name: string; action: 'end' | 'delete' } | undefined
  >();
  const [isBusy, setIsBusy] = useState(false);
  const canCreate = session.can('access_grant', 'create');
  const canUpdate = session.can('access_grant', 'update');
  const canDelete = session.can('access_grant', 'delete');
  const items = grants.data?.items ?? [];

  const ask = (row: GrantRow, action: 'end' | 'delete') => {
    setPending({ row, name: '', action });
    getEntityCached<StaffRow>('staff', row.staffMemberId).then(
      (staff) => setPending((current) => current && { ...current, name: describeEntity(staff) }),
      () => undefined,
    );
  };

  const confirm = async () => {
    if (!pending) return;
    setIsBusy(true);
    try {
      if (pending.action === 'end')
        await requestApi('PATCH', `/access-grants/${pending.row.id}`, {
          validUntil: new Date().toISOString(),
        });
      else await requestApi('DELETE', `/access-grants/${pending.row.id}`);
      forgetCachedEntities('access-grants');
      setNotice({
        text: pending.action === 'end' ? t('customers.grantEnded') : t('customers.grantDeleted'),
        tone: 'success',
      });
      grants.reload();
      onChanged();
    } catch (error) {
      setNotice({ text: problemText(describeError, error), tone: 'error' });
    } finally {
      setIsBusy(false);
      setPending(undefined);
    }
  };

  return (
    <section className="card" aria-labelledby={headingId} data-section="grants">
      <h2 id={headingId}>{t('customers.grants')}</h2>
      <p className="muted">{t('customers.grantsIntro')}</p>
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {grants.isLoading && <LoadingState />}
      {grants.error && <ErrorState error={grants.error} onRetry={grants.reload} />}
      {grants.data && items.length === 0 && <EmptyState>{t('customers.grantsEmpty')}</EmptyState>}
      {items.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('customers.grants')}>
          <table className="data-table">
            <caption className="visually-hidden">{t('customers.grants')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('customers.grantStaff')}</th>
                <th scope="col">{t('customers.grantState')}</th>
                <th scope="col">{t('teams.validFrom')}</th>
                <th scope="col">{t('teams.validUntil')}</th>
                <th scope="col">{t('customers.grantReason')}</th>
                <th scope="col">{t('common.grantedBy')}</th>
                {(canUpdate || canDelete) && (
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {items.map((row) => {
                const phase = findValidityPhase(row);
                return (
                  <tr key={row.id}>
                    <td>
                      <EntityLink apiPath="staff" pagePath="/staff" id={row.staffMemberId} />
                    </td>
                    <td>
                      <PhaseTag phase={phase} />
                    </td>
                    <td>{formatDateTime(row.validFrom)}</td>
                    <td>{formatDateTime(row.validUntil)}</td>
                    <td>{row.reason}</td>
                    <td>{row.grantedBy}</td>
                    {(canUpdate || canDelete) && (
                      <td className="row-actions">
                        {canUpdate && phase === 'current' && (
                          <button
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() => ask(row, 'end')}
                          >
                            {t('customers.grantEnd')}
                          </button>
                        )}
                        {canDelete && (
                          <button
                            type="button"
                            className="button button-quiet button-small"
                            onClick={() => ask(row, 'delete')}
                          >
                            {t('common.delete')}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canCreate && services && (
        <GrantForm
          customerId={customerId}
          services={services}
          onGranted={(text) => {
            setNotice({ text, tone: 'success' });
            grants.reload();
            onChanged();
          }}
        />
      )}
      <ConfirmDialog
        isOpen={pending !== undefined}
        title={
          pending?.action === 'delete'
            ? t('customers.grantDeleteTitle', { name: pending.name })
            : t('customers.grantEndTitle', { name: pending?.name ?? '' })
        }
        confirmLabel={pending?.action === 'delete' ? t('common.delete') : t('customers.grantEndConfirm')}
        isBusy={isBusy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(undefined)}
      >
        <p>{pending?.action === 'delete' ? t('customers.grantDeleteText') : t('customers.grantEndText')}</p>
      </ConfirmDialog>
    </section>
  );
}
