// Who is logged in, and what their role may do: the console asks core's policy table, the same
// one the server enforces, so menus and buttons match what the API will allow.
import { policy, type Action, type Resource, type Role } from '@portvakt/core';
import { createContext, useContext } from 'react';

export interface Me {
  kind: 'user' | 'token';
  id: string;
  /** The username (a token: its name). */
  label: string;
  /** The person's name; null for a token or an account without one. */
  displayName: string | null;
  role: Role;
  municipalityId: string;
  providerId: string | null;
  staffMemberId: string | null;
  propertyOwnerId: string | null;
  isReadOnly: boolean;
}

/** Whether `role` may perform `action` on `resource` in at least some scope. */
export function isAllowed(role: Role, resource: Resource, action: Action = 'read'): boolean {
  return policy[resource][role]?.[action] !== undefined;
}

export interface Session {
  me: Me;
  can: (resource: Resource, action?: Action) => boolean;
}

export function createSession(me: Me): Session {
  return {
    me,
    can: (resource, action = 'read') =>
      !me.isReadOnly || action === 'read' ? isAllowed(me.role, resource, action) : false,
  };
}

export const SessionContext = createContext<Session | null>(null);

/** The session of a page inside the logged-in shell. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the logged-in shell');
  return session;
}
