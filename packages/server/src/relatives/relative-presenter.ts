import type { RelativeInvitation, RelativeRead } from '@portvakt/contract';
import { readInvitationStatus } from '@portvakt/core';
import type { RelativeInvitationRecord, RelativeReadRecord } from '@portvakt/storage';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

/** An invitation as the API shows it: its status at `now`, never its link (only the hash is kept). */
export function presentRelativeInvitation(record: RelativeInvitationRecord, now: Date): RelativeInvitation {
  return {
    id: record.id,
    customerId: record.customerId,
    relativeName: record.relativeName,
    email: record.email,
    status: readInvitationStatus(record, now),
    invitedBy: record.invitedBy,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    usedAt: iso(record.usedAt),
    username: record.username,
    isAccountDisabled: record.isAccountDisabled,
    withdrawnAt: iso(record.withdrawnAt),
    withdrawnBy: record.withdrawnBy,
  };
}

export function presentRelativeRead(record: RelativeReadRecord): RelativeRead {
  return { ...record, readAt: record.readAt.toISOString() };
}
