// "Batterier": the locks due for a battery change, and planning a battery round for a district or
// a team: a preview of the visiting order (a dry run), then the round created as work orders. The
// due list's filters live in the address (?weeks=&district=); the round's choices are a form's.
import type { BatteryForecastList, BatteryRoundPlan } from '@portvakt/contract';
import { maxForecastWeeks } from '@portvakt/contract';
import { useState, type FormEvent } from 'react';
import { namedChoices } from '../components';
import { useSession } from '../accounts';
import { listAll, postApi, withQuery } from '../shared/api-client';
import { InputField, SelectField } from '../shared/field';
import { useTranslator } from '../shared/i18n';
import { Page } from '../shared/page';
import { Section } from '../shared/section';
import { EmptyState, ErrorState, Notice } from '../shared/states';
import { useAddressFilters } from '../shared/use-address-filters';
import { useLoader, useResource } from '../shared/use-api';
import { BatteryRows } from './battery-rows';
import { useApiCall } from './use-api-call';

interface Named {
  id: string;
  name: string;
}

const weekChoices = [2, 4, 8, 12, maxForecastWeeks];
const weekValues = weekChoices.map(String);

function WeeksField({ value, onChange }: { value: number; onChange: (weeks: number) => void }) {
  const { t } = useTranslator();
  return (
    <SelectField
      label={t('batteries.withinWeeks')}
      value={String(value)}
      onValue={(weeks) => onChange(Number(weeks))}
      options={weekValues.map((weeks) => ({ value: weeks, label: weeks }))}
    />
  );
}

function RoundPlanList({ plan }: { plan: BatteryRoundPlan }) {
  const { t, label, formatNumber } = useTranslator();
  const locks = plan.stops.reduce((sum, stop) => sum + stop.locks.length, 0);
  if (plan.stops.length === 0) return <EmptyState>{t('batteries.emptyPlan')}</EmptyState>;
  return (
    <>
      <p>{t('batteries.lengthKm', { km: formatNumber(plan.lengthKm), stops: plan.stops.length, locks })}</p>
      <ol className="round-plan" aria-label={t('batteries.planCaption')}>
        {plan.stops.map((stop) => (
          <li key={stop.propertyId}>
            <strong>{stop.streetAddress}</strong> <span className="muted">({stop.designation})</span>
            <ul>
              {stop.locks.map((lock) => (
                <li key={lock.lockId} data-position={lock.position}>
                  {lock.position}. {lock.serial} – {lock.doorLabel} ({label('doorKind', lock.doorKind)}),{' '}
                  {lock.batteryLevel === null ? '–' : `${lock.batteryLevel} %`}
                  {lock.reference && <span className="muted"> · {lock.reference}</span>}{' '}
                  <span className={`tag ${lock.needsBooking ? 'tag-warning' : 'tag-neutral'}`}>
                    {lock.needsBooking ? t('batteries.booking') : t('batteries.noBooking')}
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}

function RoundPlanner({ districts, teams }: { districts: Named[]; teams: Named[] | null }) {
  const { t } = useTranslator();
  const session = useSession();
  const [target, setTarget] = useState<'district' | 'team'>('district');
  const [districtId, setDistrictId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [weeks, setWeeks] = useState(8);
  const [startOn, setStartOn] = useState('');
  const [plan, setPlan] = useState<BatteryRoundPlan | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const { error, isBusy, call } = useApiCall();
  const body = () => ({
    ...(target === 'district' ? { districtId } : { teamId }),
    withinWeeks: weeks,
    ...(startOn ? { startAt: new Date(`${startOn}T06:00:00`).toISOString() } : {}),
  });
  const send = (isDryRun: boolean) =>
    call(async () => {
      setProblem(undefined);
      if (target === 'district' && !districtId) return setProblem(t('batteries.chooseDistrict'));
      if (target === 'team' && !teamId) return setProblem(t('batteries.chooseTeam'));
      setPlan(await postApi<BatteryRoundPlan>(`/battery-rounds${isDryRun ? '?dryRun=true' : ''}`, body()));
    });
  /** A setter for one of the round's choices: a changed choice makes the previewed plan stale. */
  const choosing =
    <Value,>(set: (value: Value) => void) =>
    (value: Value) => {
      set(value);
      setPlan(undefined);
    };
  const preview = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };
  const references =
    plan?.stops.flatMap((stop) => stop.locks.map((lock) => lock.reference)).filter(Boolean) ?? [];
  return (
    <Section title={t('batteries.round')} intro={t('batteries.roundIntro')} section="battery-round">
      <form className="round-form" onSubmit={preview}>
        {teams !== null && (
          <SelectField
            label={t('batteries.roundFor')}
            value={target}
            onValue={choosing((value) => setTarget(value as 'district' | 'team'))}
          >
            <option value="district">{t('batteries.forDistrict')}</option>
            <option value="team">{t('batteries.forTeam')}</option>
          </SelectField>
        )}
        {target === 'district' ? (
          <SelectField
            label={t('batteries.district')}
            value={districtId}
            onValue={choosing(setDistrictId)}
            blank={'–'}
            options={namedChoices(districts)}
          />
        ) : (
          <SelectField
            label={t('batteries.team')}
            value={teamId}
            onValue={choosing(setTeamId)}
            blank={'–'}
            options={namedChoices(teams ?? [])}
          />
        )}
        <WeeksField value={weeks} onChange={choosing(setWeeks)} />
        <InputField
          label={t('batteries.startAt')}
          type="date"
          value={startOn}
          onValue={choosing(setStartOn)}
        />
        <button type="submit" className="button" disabled={isBusy}>
          {t('batteries.preview')}
        </button>
        {plan?.isDryRun && plan.stops.length > 0 && session.can('work_order', 'create') && (
          <button
            type="button"
            className="button button-primary"
            disabled={isBusy}
            onClick={() => void send(false)}
          >
            {isBusy ? t('batteries.creating') : t('batteries.create')}
          </button>
        )}
      </form>
      {problem && <Notice tone="error">{problem}</Notice>}
      {error && <ErrorState error={error} />}
      {plan && !plan.isDryRun && (
        <Notice>
          {t('batteries.created', {
            count: references.length,
            first: references[0] ?? '',
            last: references.at(-1) ?? '',
          })}
        </Notice>
      )}
      {plan && plan.alreadyOrdered.length > 0 && (
        <p className="muted">{t('batteries.alreadyOrdered', { count: plan.alreadyOrdered.length })}</p>
      )}
      {plan && <RoundPlanList plan={plan} />}
    </Section>
  );
}

export function BatteriesPage() {
  const { t } = useTranslator();
  const session = useSession();
  const [filters, setFilters] = useAddressFilters({ weeks: '4', district: '' }, { weeks: weekValues });
  const due = useResource<BatteryForecastList>(
    withQuery('/battery-forecast', { withinWeeks: filters.weeks, districtId: filters.district || undefined }),
  );
  const canReadTeams = session.can('team');
  const choices = useLoader('battery-choices', async (signal) => ({
    districts: (await listAll<Named>('/districts', {}, signal)).items,
    teams: canReadTeams ? (await listAll<Named>('/teams', {}, signal)).items : null,
  }));
  return (
    <Page title={t('batteries.title')} intro={t('batteries.intro', { threshold: due.data?.threshold ?? 20 })}>
      <Section title={t('batteries.due')} section="battery-due">
        <div className="round-form">
          <WeeksField
            value={Number(filters.weeks)}
            onChange={(weeks) => setFilters({ weeks: String(weeks) })}
          />
          <SelectField
            label={t('batteries.district')}
            value={filters.district}
            onValue={(district) => setFilters({ district })}
            blank={t('batteries.anyDistrict')}
            options={namedChoices(choices.data?.districts)}
          />
        </div>
        <BatteryRows list={due} emptyText={t('batteries.noneDue')} caption={t('batteries.dueCaption')} />
      </Section>
      {session.can('work_order', 'create') && choices.data && (
        <RoundPlanner districts={choices.data.districts} teams={choices.data.teams} />
      )}
    </Page>
  );
}
