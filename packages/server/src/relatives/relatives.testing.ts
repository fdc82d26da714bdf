// Test support for relatives: an invitation made over HTTP by the customer's work lead, its link
// as mailed, and the relative's account made with it and logged in.
import type { CreatedRelativeInvitation } from '@portvakt/contract';
import type { ParsedMail } from 'mailparser';
import { ApiClient } from '../platform/testing';

/** The invitation link in a mail, and its token. */
export function readRelativeLink(mail: ParsedMail): { url: string; token: string } {
  const match = /(https?:\/\/\S+\/relative\/invitation\/([A-Za-z0-9_-]{43}))/.exec(mail.text ?? '');
  if (!match) throw new Error(`no invitation link in: ${mail.text}`);
  return { url: match[1]!, token: match[2]! };
}

export const relativePassword = 'a long relative password';

/** Invites a relative for `customerId` as `inviter`, makes the account with the link, and logs it in. */
export async function createRelative(
  baseUrl: string,
  inviter: ApiClient,
  customerId: string,
  username: string,
): Promise<{ client: ApiClient; invitationId: string; token: string }> {
  const invited = await inviter.post<CreatedRelativeInvitation>(
    `/api/v1/customers/${customerId}/relative-invitations`,
    {
      relativeName: 'Lena Berg',
      email: `${username}@example.se`,
    },
  );
  if (invited.status !== 201) throw new Error(`invite: ${invited.status} ${JSON.stringify(invited.body)}`);
  const token = invited.body.link.split('/').pop()!;
  const made = await new ApiClient(baseUrl).post(`/api/v1/relative-links/${token}/account`, {
    username,
    password: relativePassword,
  });
  if (made.status !== 201) throw new Error(`account: ${made.status} ${JSON.stringify(made.body)}`);
  return {
    client: await new ApiClient(baseUrl).login(username, relativePassword),
    invitationId: invited.body.invitation.id,
    token,
  };
}
