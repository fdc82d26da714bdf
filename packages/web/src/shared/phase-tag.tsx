import { useTranslator } from './i18n';
import { findValidityPhase } from './time';

/** Whether a membership, assignment or grant is current, upcoming or ended, as a coloured tag. */
export function PhaseTag({ range }: { range: { validFrom: string | null; validUntil: string | null } }) {
  const { t } = useTranslator();
  const phase = findValidityPhase(range);
  const text = { current: t('teams.current'), upcoming: t('teams.upcoming'), ended: t('teams.ended') }[phase];
  return <span className={`tag tag-membership-${phase}`}>{text}</span>;
}
