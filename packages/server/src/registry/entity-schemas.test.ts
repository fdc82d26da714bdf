import * as core from '@portvakt/core';
import * as contract from '@portvakt/contract';
import { findEntity, type Resource } from '@portvakt/core';
import { registryRowSchemas } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { builtRowSchema, rowSchema } from './entity-schemas';

describe('registry rows in the contract', () => {
  it.each(Object.entries(registryRowSchemas))(
    '%s is the row core’s definition describes',
    (resource, schema) => {
      const entity = findEntity(resource as Resource);
      expect(schema).toEqual(builtRowSchema(entity));
      expect(rowSchema(entity)).toBe(schema);
    },
  );

  it('has the customer, lock, staff member, team and provider rows the console lists', () => {
    expect(Object.keys(registryRowSchemas)).toEqual(
      expect.arrayContaining(['customer', 'lock_device', 'staff_member', 'team', 'provider']),
    );
  });

  it.each([
    'lockTypes',
    'lockStatuses',
    'keyKinds',
    'keyStatuses',
    'providerKinds',
    'ownerships',
    'serviceKinds',
  ] as const)('lists the same %s as core', (name) => {
    expect(contract[name]).toEqual(core[name]);
  });
});
