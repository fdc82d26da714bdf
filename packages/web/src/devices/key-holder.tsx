// A key's holder by the name the key answer carries (no request per row): a link to the staff
// page for roles that read staff, plain text for roles told only the name.
import { useTranslator } from '../shared/i18n';
import { Link } from '../shared/router';
import { useSession } from '../accounts';
import type { KeyRow } from './block-key-dialog';

export function KeyHolder({ keyRow }: { keyRow: KeyRow }) {
  const { t } = useTranslator();
  const session = useSession();
  if (!keyRow.holderStaffMemberId) return <span className="muted">{t('keys.noHolder')}</span>;
  if (!keyRow.holderName) return <span className="muted">{t('keys.holderHidden')}</span>;
  return session.can('staff_member') ? (
    <Link to={`/staff/${keyRow.holderStaffMemberId}`}>{keyRow.holderName}</Link>
  ) : (
    keyRow.holderName
  );
}
