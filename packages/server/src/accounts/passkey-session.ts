// The session a passkey sign-in or a finished enrolment step opens: the same session, cookies and
// audit entry as a password login (log-in.ts), so nothing after it can tell them apart but the
// audit entry's method.
import type { Queryable, UserRecord } from '@portvakt/storage';
import { openSession, type OpenedSession } from './log-in';

export type { OpenedSession } from './log-in';

/** Opens a session for `user`, signed in `method`, and audits the login. */
export function openPasskeySession(
  db: Queryable,
  user: UserRecord,
  { requestId, method }: { requestId: string; method: 'passkey' | 'passkey_enrolment' },
): Promise<OpenedSession> {
  return openSession(db, user, { requestId, auditDetails: { method } });
}
