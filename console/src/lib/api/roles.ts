import type { User } from './types.ts';

/** Owners and admins change settings; everyone else signed in only reads them. */
export function hasWriteRole(user: Pick<User, 'role'> | null | undefined): boolean {
  return user?.role === 'OWNER' || user?.role === 'ADMIN';
}
