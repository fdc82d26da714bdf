// English texts: logging in; typed against accounts.sv.ts.
import type { LabelTablesLike } from '../shared/labels';
import type { accountsLabelsSv, accountsSv } from './accounts.sv';

export const accountsEn: Record<keyof typeof accountsSv, string> = {
  'login.title': 'Log in',
  'login.intro': 'Log in with your username and password.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
};

export const accountsLabelsEn: LabelTablesLike<typeof accountsLabelsSv> = {
  role: {
    municipality_admin: 'Municipality admin',
    lock_manager: 'Lock manager',
    installer: 'Installer',
    work_lead: 'Work lead',
    staff: 'Staff member',
    support: 'Support',
    auditor: 'Auditor',
    property_owner: 'Property owner',
    relative: 'Relative',
  },
};
