import type { CreatedRelativeInvitation, RelativeInvitationBody } from '@portvakt/contract';
import { computeInvitationExpiry, nameInviterToRelative } from '@portvakt/core';
import {
  findMunicipality,
  findRelativeCustomerInScope,
  findRelativeInvitationByTokenHash,
  findUser,
  findRelativeInvitationForUpdate,
  insertRelativeInvitation,
} from '@portvakt/storage';
import type { Static } from 'typebox';
import { withAuditedTransaction } from '../platform/audited-transaction';
import { authorise } from '../platform/authorise';
import type { WriteOptions } from '../platform/context';
import { notFound } from '../platform/errors';
import type { Mailer } from '../platform/mail';
import { sendOrRefuse } from '../consents';
import { relativeInvitationMail } from './relative-mail';
import { presentRelativeInvitation } from './relative-presenter';
import { createRelativeToken, relativeLinkUrl } from './relative-token';

/**
 * The customer's work lead (a provider serving the customer) or the municipality invites a
 * relative (R4.4): a single-use link with an expiry, only its hash kept, mailed over SMTP and
 * answered once to the inviter. Written, audited and mailed in one transaction: when the mail
 * cannot be sent nothing is kept (502 mail_not_sent). A customer out of scope is 404.
 */
export async function inviteRelative(
  options: WriteOptions<{ customerId: string; invitation: Static<typeof RelativeInvitationBody> }> & {
    mailer: Mailer;
    publicUrl: string | undefined;
  },
): Promise<Static<typeof CreatedRelativeInvitation>> {
  const { actor, input, now, mailer, publicUrl } = options;
  const scope = authorise(actor, 'relative_invitation', 'create');
  const municipality = await findMunicipality(options.db, actor.municipalityId);
  // Kept with the invitation and in the audit trail: the person's name (not a username the
  // relative cannot place), or the token's label, which the relative is never told (below).
  const inviter =
    actor.kind === 'user' ? await findUser(options.db, actor.municipalityId, actor.id) : undefined;
  const invitedBy = inviter?.displayName ?? actor.label;
  return withAuditedTransaction(options, async (client, audit) => {
    const customer = await findRelativeCustomerInScope(client, scope, input.customerId);
    if (!customer) throw notFound('customer');
    const { token, tokenHash } = createRelativeToken();
    const expiresAt = computeInvitationExpiry(now, municipality?.settings);
    const relativeName = input.invitation.relativeName.trim();
    const id = await insertRelativeInvitation(client, {
      municipalityId: actor.municipalityId,
      customerId: customer.id,
      relativeName,
      email: input.invitation.email,
      tokenHash,
      providerId: scope.kind === 'provider' ? scope.providerId : null,
      invitedByUserId: actor.kind === 'user' ? actor.id : null,
      invitedBy,
      createdAt: now,
      expiresAt,
    });
    const invitation = presentRelativeInvitation(
      (await findRelativeInvitationForUpdate(client, actor.municipalityId, id))!,
      now,
    );
    await audit({ action: 'create', entity: 'relative_invitation', entityId: id, after: invitation });
    // The mail names the inviter as the link's page will: read back the same way.
    const linkView = (await findRelativeInvitationByTokenHash(client, tokenHash))!;
    const link = relativeLinkUrl(publicUrl, token);
    await sendOrRefuse(
      mailer,
      relativeInvitationMail({
        municipalityName: municipality?.name ?? '',
        relativeName,
        email: input.invitation.email,
        customerGivenName: customer.name.split(' ')[0] ?? customer.name,
        invitedBy: nameInviterToRelative(linkView),
        link,
        expiresAt,
      }),
    );
    return { invitation, link };
  });
}
