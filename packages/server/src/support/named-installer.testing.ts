// An installer with a display name, signed in: the name tests move between locksmith companies to
// check who may still be told the name (a case's raiser, a timeline entry's author).
import { signInNamedUser, unique, type TestWorld } from '../platform/world.testing';

export async function createNamedInstaller(tw: TestWorld, displayName: string, locksmithCompanyId: string) {
  const username = unique('lasmed').toLowerCase();
  const { id, client } = await signInNamedUser(tw, {
    username,
    displayName,
    role: 'installer',
    locksmithCompanyId,
  });
  return { id, username, client };
}
