// Who can open each door on the customer's way in now (or at another time), and by which rule.
import { useState } from 'react';
import { useSession } from '../accounts';
import { withQuery } from '../shared/api-client';
import { EntityLink } from '../shared/entity-link';
import { Section } from '../shared/section';
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { EmptyState, ErrorState, LoadingState } from '../shared/states';
import { useResource } from '../shared/use-api';
import { useReloadOn } from './customer-services';
import { AtTimePicker, ReasonList, RuleBadge, type Reason } from './permissions';

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

export function WhoCanOpenSection({ customerId, version }: { customerId: string; version: number }) {
  const { t, formatDateTime } = useTranslator();
  const session = useSession();
  const [at, setAt] = useState<string | undefined>();
  const result = useResource<WhoCanOpen>(
    withQuery(`/customers/${encodeURIComponent(customerId)}/who-can-open`, { at }),
  );
  useReloadOn(version, result.reload);
  const canOpenStaff = session.can('staff_member');
  const doors = result.data?.doors ?? [];
  return (
    <Section title={t('customers.whoCanOpen')} intro={t('customers.whoCanOpenIntro')} section="who-can-open">
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
    </Section>
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
