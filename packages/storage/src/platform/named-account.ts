import { municipalStaffRoles } from '@portvakt/core';

/**
 * The SQL condition "account `alias` is the municipality's own staff" (core `municipalStaffRoles`),
 * whose name a record may show to every reader; joins that name people use it beside the rule for
 * the record's own organisation.
 */
export function isMunicipalStaffCondition(alias: string): string {
  return `${alias}.role IN (${municipalStaffRoles.map((role) => `'${role}'`).join(', ')})`;
}
