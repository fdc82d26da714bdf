// A locksmith company's on-call contact as the API shows it (R9.2). The contacts are a setting
// kept with the locksmith company register, so they follow that register's policy (the
// municipality and its lock managers change them; support, installers and auditors read them).
import type { OnCallContact } from '@portvakt/contract';
import type { OnCallContactRecord } from '@portvakt/storage';

export function presentContact(row: OnCallContactRecord): OnCallContact {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
  };
}
