// Swedish texts: logging in. The English table (accounts.en.ts)
// is typed against this one, so a missing translation fails `tsc`.
import type { roles } from '@portvakt/core';
import type { Labels } from '../shared/labels';

export const accountsSv = {
  'login.title': 'Logga in',
  'login.intro': 'Logga in med ditt användarnamn och lösenord.',
  'login.username': 'Användarnamn',
  'login.password': 'Lösenord',
  'login.submit': 'Logga in',
  'login.submitting': 'Loggar in…',
} as const;

/** Labels of the enumerations this capability shows. */
export const accountsLabelsSv = {
  role: {
    municipality_admin: 'Kommunadministratör',
    lock_manager: 'Låsansvarig',
    installer: 'Montör',
    work_lead: 'Arbetsledare',
    staff: 'Medarbetare',
    support: 'Support',
    auditor: 'Granskare',
    property_owner: 'Fastighetsägare',
    relative: 'Anhörig',
  } satisfies Labels<typeof roles>,
};
