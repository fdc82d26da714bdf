// What the server records as a kind with parameters (a case's title, a timeline entry, a contact-log
// outcome, a work order's reason) is worded by the console; each table maps a kind to the schema of
// its parameters, and a reader takes them out only for the kind it is wording.
import type { Static, TSchema } from 'typebox';

/** A fact's parameters when it is of `kind`, in that kind's contract shape; undefined otherwise. */
export function readFactParams<Table extends Record<string, TSchema>, K extends keyof Table & string>(
  actualKind: string,
  params: unknown,
  kind: K,
): Static<Table[K]> | undefined {
  return actualKind === kind && params ? (params as Static<Table[K]>) : undefined;
}
