import { useTranslator } from './i18n';
import { findValidityPhase } from './time';

/** Whether a membership, assignment or grant is current, upcoming or ended, as a coloured tag. */
export function PhaseTag({ range }: { range: { validFrom: string | null; validUntil: string | null } }) {
  const { t } = useTranslator();
  const phase = findValidityPhase(range);
  const text = { current: t('teams.current'), upcoming: t('teams.upcoming'), ended: t('teams.ended') }[phase];
  return <span className={`tag tag-membership-${phase}`}>{text}</span>;
}

/** When it holds, "from – until", with "permanent" for no end. */
export function ValidityPeriod({
  range,
}: {
  range: { validFrom: string | null; validUntil: string | null };
}) {
  const { t, formatDateTime } = useTranslator();
  return (
    <span className="muted">
      {formatDateTime(range.validFrom)} –{' '}
      {range.validUntil ? formatDateTime(range.validUntil) : t('teams.permanent')}
    </span>
  );
}
