import type { OidcLinkRow } from '@portvakt/contract';
import { deleteOidcLink, findOidcLink, type OidcLinkRecord } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { notFound } from '../platform/errors';

/** A link as the API shows it: whether it is bound to a subject, never the pre-set value. */
export function presentOidcLink(link: OidcLinkRecord): OidcLinkRow {
  return {
    userId: link.userId,
    isLinked: link.subject !== null,
    linkedAt: link.linkedAt,
    createdAt: link.createdAt,
  };
}

/** Removes an account's link: it can then sign in only with its password (or a new link). */
export async function unlinkOidcAccount(options: UseCaseOptions<{ userId: string }>): Promise<void> {
  const { actor, input } = options;
  await withAuditedTransaction(options, async (client, audit) => {
    const before = await findOidcLink(client, actor.municipalityId, input.userId);
    if (!before || !(await deleteOidcLink(client, actor.municipalityId, input.userId)))
      throw notFound('identity provider link');
    await audit({
      action: 'unlink',
      entity: 'user_account',
      entityId: input.userId,
      before: presentOidcLink(before),
    });
  });
}
