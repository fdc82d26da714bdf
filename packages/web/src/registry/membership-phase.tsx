// A team membership's state as its member's employment allows it: a membership still in force
// for someone whose last day of employment has passed opens nothing (the permission rules judge
// the employment first), so it says "Anställningen har upphört" rather than "Gäller nu".
import { localToday } from '../shared/dates';
import { useTranslator } from '../shared/i18n';
import { PhaseTag } from '../shared/phase-tag';
import { findValidityPhase } from '../shared/time';
import { useEntity } from '../shared/use-api';
import type { StaffRow } from './staff.page';

type Range = { validFrom: string | null; validUntil: string | null };

export function MembershipPhase({
  range,
  employmentEndsOn,
}: {
  range: Range;
  employmentEndsOn: string | null | undefined;
}) {
  const { t } = useTranslator();
  if (employmentEndsOn && employmentEndsOn < localToday() && findValidityPhase(range) !== 'ended')
    return <span className="tag tag-membership-ended">{t('teams.employmentEnded')}</span>;
  return <PhaseTag range={range} />;
}

/** The same for a member read by id (a team's member list). */
export function MemberPhase({ membership }: { membership: Range & { staffMemberId: string } }) {
  const { entity } = useEntity<StaffRow>('staff', membership.staffMemberId);
  return <MembershipPhase range={membership} employmentEndsOn={entity?.employmentEndsOn} />;
}
