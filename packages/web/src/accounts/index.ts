// What other capabilities use of accounts: who is logged in and what their role may do.
export { useSession } from './session';
