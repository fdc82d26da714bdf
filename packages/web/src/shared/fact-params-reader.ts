// The console words what the server records as a kind with parameters (a case's title, a timeline
// entry, a contact-log outcome, a work order's reason); each kind of row keeps its kind and its
// parameters in fields of its own, so a reader is declared by its table and those two fields.
import { readFactParams } from '@portvakt/contract';
import type { TSchema } from 'typebox';

/** The fields of `Row` that hold a string (a fact's kind). */
type StringFieldOf<Row> = { [Field in keyof Row]: Row[Field] extends string ? Field : never }[keyof Row];

/**
 * `(row, kind)` → the row's parameters in `kind`'s contract shape when the row is of that kind,
 * undefined otherwise (`Table` maps each kind to the schema of its parameters).
 */
export function createFactParamsReader<Table extends Record<string, TSchema>, Row>(
  kindField: StringFieldOf<Row>,
  paramsField: keyof Row,
) {
  return <K extends keyof Table & string>(row: Row, kind: K) =>
    readFactParams<Table, K>(row[kindField] as string, row[paramsField], kind);
}
