import { municipalStaffRoles } from '@portvakt/core';

/**
 * The SQL condition "account `alias` is the municipality's own staff" (core `municipalStaffRoles`),
 * whose name a record may show to every reader; joins that name people use it beside the rule for
 * the record's own organisation.
 */
export function isMunicipalStaffCondition(alias: string): string {
  return `${alias}.role IN (${municipalStaffRoles.map((role) => `'${role}'`).join(', ')})`;
}

/**
 * A column: the name (a blank one as null) of the account whose username the record keeps in
 * `usernameColumn` (records keep who acted as a username, or `token:<name>`, which names no one),
 * from the record's own municipality (`record`.municipality_id) and only while that account is
 * the municipality's own staff or `ownOrganisation` holds for it (alias `n`, e.g.
 * `n.provider_id = x.provider_id`). Every reader outside the municipality reads only its own
 * organisation's records, so a name never tells them about another organisation's people, even
 * one who has moved since; null means "show the username".
 */
export function recordedAccountName(
  record: string,
  usernameColumn: string,
  ownOrganisation?: string,
): string {
  const isVisible = ownOrganisation
    ? `(${isMunicipalStaffCondition('n')} OR ${ownOrganisation})`
    : isMunicipalStaffCondition('n');
  return `(SELECT NULLIF(btrim(n.display_name), '') FROM user_account n
     WHERE n.municipality_id = ${record}.municipality_id AND n.username = ${usernameColumn} AND ${isVisible})`;
}
