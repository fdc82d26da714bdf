import { checkNewUserLinks, checkPasswordStrength, type Role } from '@portvakt/core';
import { findUser, insertUser, type PublicUser } from '@portvakt/storage';
import { withAuditedTransaction } from '../platform/audited-transaction';
import type { UseCaseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { findLinkedRow } from './linked-row';
import { hashPassword } from './passwords';

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  providerId?: string | null;
  staffMemberId?: string | null;
  propertyOwnerId?: string | null;
  locksmithCompanyId?: string | null;
}

/** An administrator creates a user account of their municipality, linked as its role requires. */
export async function createUser(options: UseCaseOptions<NewUserInput>): Promise<PublicUser> {
  const { actor, input } = options;
  // A relative's account is bound to its customer by the invitation it was made with (docs/relatives.md).
  if (input.role === 'relative')
    throw new ApiError(422, 'relative_by_invitation', 'Relatives get their accounts through an invitation.', {
      field: 'role',
    });
  const weakness = checkPasswordStrength(input.password);
  if (weakness) throw new ApiError(400, 'weak_password', weakness);
  const passwordHash = await hashPassword(input.password);
  return withAuditedTransaction(options, async (client, audit) => {
    await findLinkedRow(client, actor, 'provider', input.providerId);
    const staffMember = await findLinkedRow(client, actor, 'staff_member', input.staffMemberId);
    await findLinkedRow(client, actor, 'property_owner', input.propertyOwnerId);
    await findLinkedRow(client, actor, 'locksmith_company', input.locksmithCompanyId);
    const refusal = checkNewUserLinks({ ...input, staffMember });
    if (refusal) throw new ApiError(422, refusal.code, refusal.message);
    const id = await insertUser(client, { ...input, municipalityId: actor.municipalityId, passwordHash });
    const user = (await findUser(client, actor.municipalityId, id))!;
    await audit({
      action: 'create',
      entity: 'user_account',
      entityId: id,
      after: user,
    });
    return user;
  });
}
