// The page behind an invitation link (R4.4): public, the link's token is the only credential.
// It names the relative invited and the customer's given name, and makes one `relative` account.
import type { RelativeLinkView } from '@portvakt/contract';
import {
  checkPasswordStrength,
  checkRelativeUsername,
  judgeInvitationUse,
  nameInviterToRelative,
} from '@portvakt/core';
import {
  appendAudit,
  findRelativeInvitationByTokenHash,
  insertUser,
  markRelativeInvitationUsed,
  withTransaction,
  type InvitationLinkView,
  type Queryable,
} from '@portvakt/storage';
import { hashPassword } from '../accounts';
import type { LinkUseOptions, LinkWriteOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { hashRelativeToken, isWellFormedRelativeToken } from './relative-token';

const linkUnknown = () => new ApiError(404, 'not_found', 'No such invitation.');

/** The invitation, or the refusal every use of a bad link gets: unknown 404, used 409, expired or withdrawn 410. */
async function findUsableInvitation(
  db: Queryable,
  token: string,
  now: Date,
  isLocking: boolean,
): Promise<InvitationLinkView> {
  if (!isWellFormedRelativeToken(token)) throw linkUnknown();
  const invitation = await findRelativeInvitationByTokenHash(db, hashRelativeToken(token), isLocking);
  if (!invitation) throw linkUnknown();
  const refusal = judgeInvitationUse(invitation, now);
  if (refusal) throw new ApiError(refusal.status, refusal.code, refusal.message);
  return invitation;
}

export async function readRelativeLink({ db, token, now }: LinkUseOptions): Promise<RelativeLinkView> {
  const invitation = await findUsableInvitation(db, token, now, false);
  return {
    municipalityName: invitation.municipalityName,
    relativeName: invitation.relativeName,
    customerGivenName: invitation.customerGivenName,
    // A person by name; a token by the provider or municipality it acts for, never its label.
    invitedBy: nameInviterToRelative(invitation),
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/**
 * Uses the link up: makes the relative's account (the chosen username and password, the
 * accounts' password rule) bound to the invitation's customer, in one transaction with the
 * link's use and the audit entry. A taken username is 409 already_exists and leaves the link
 * unused. The account is an ordinary one, so a sign-in method can be linked to it later.
 */
export async function createRelativeAccount({
  db,
  token,
  input,
  now,
  requestId,
}: LinkWriteOptions<{ username: string; password: string }>): Promise<{ username: string }> {
  const username = input.username.trim().toLowerCase();
  const badName = checkRelativeUsername(username);
  if (badName) throw new ApiError(422, 'invalid_username', badName, { field: 'username' });
  const weakness = checkPasswordStrength(input.password);
  if (weakness) throw new ApiError(400, 'weak_password', weakness, { field: 'password' });
  // Checked before hashing too, so a spent link costs no hash; checked again under the lock below.
  await findUsableInvitation(db, token, now, false);
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (client) => {
    const invitation = await findUsableInvitation(client, token, now, true);
    const userId = await insertUser(client, {
      municipalityId: invitation.municipalityId,
      username,
      displayName: invitation.relativeName,
      passwordHash,
      role: 'relative',
    });
    await markRelativeInvitationUsed(client, invitation.municipalityId, invitation.id, userId, now);
    await appendAudit(client, {
      municipalityId: invitation.municipalityId,
      actorUserId: userId,
      actorTokenId: null,
      // The relative's name; who invited them is in `after`, and the audit trail answers
      // `actorKind` `relative_invitation` for the console to word (audit/audit-actor-presenter.ts).
      actorLabel: invitation.relativeName,
      actorRole: 'relative',
      action: 'create',
      entity: 'user_account',
      entityId: userId,
      before: null,
      after: {
        username,
        role: 'relative',
        customerId: invitation.customerId,
        invitationId: invitation.id,
        invitedBy: invitation.invitedBy,
        usedAt: now.toISOString(),
      },
      requestId,
    });
    return { username };
  });
}
