import { describe, expect, it } from 'vitest';
import { decideOidcAccount, isLoopbackHost, judgeOidcConfig, readOidcClaimValue } from './oidc-rules';

const valid = {
  issuerUrl: 'https://idp.example.se/realms/kommun',
  clientId: 'portvakt',
  matchClaim: 'email',
};

describe('judgeOidcConfig', () => {
  it('accepts an https issuer and a plain claim name', () => {
    expect(judgeOidcConfig(valid)).toBeNull();
  });

  it('accepts plain http only on the loopback address', () => {
    expect(judgeOidcConfig({ ...valid, issuerUrl: 'http://127.0.0.1:4000' })).toBeNull();
    expect(judgeOidcConfig({ ...valid, issuerUrl: 'http://idp.example.se' })?.field).toBe('issuerUrl');
  });

  it('refuses an issuer with a query, a fragment or credentials, or no URL at all', () => {
    for (const issuerUrl of [
      'https://idp.example.se/?a=1',
      'https://idp.example.se/#x',
      'https://u:p@idp.example.se',
      'idp',
    ])
      expect(judgeOidcConfig({ ...valid, issuerUrl })?.field).toBe('issuerUrl');
  });

  it('refuses a padded client id and a claim that is no plain name', () => {
    expect(judgeOidcConfig({ ...valid, clientId: ' portvakt' })?.field).toBe('clientId');
    expect(judgeOidcConfig({ ...valid, matchClaim: 'address.street name' })?.field).toBe('matchClaim');
  });
});

describe('readOidcClaimValue', () => {
  it('reads strings and integers, e-mail without case', () => {
    expect(readOidcClaimValue({ email: ' Anna@Kommun.SE ' }, 'email')).toBe('anna@kommun.se');
    expect(readOidcClaimValue({ employee_number: 4711 }, 'employee_number')).toBe('4711');
    expect(readOidcClaimValue({ sub: 'AbC' }, 'sub')).toBe('AbC');
  });

  it('names nobody for a missing, blank or structured claim', () => {
    expect(readOidcClaimValue({}, 'email')).toBeUndefined();
    expect(readOidcClaimValue({ email: '  ' }, 'email')).toBeUndefined();
    expect(readOidcClaimValue({ email: ['a@b.se'] }, 'email')).toBeUndefined();
    expect(readOidcClaimValue({ n: 1.5 }, 'n')).toBeUndefined();
  });
});

describe('decideOidcAccount', () => {
  it('refuses an unknown person and a disabled account, and accepts an enabled one', () => {
    expect(decideOidcAccount(undefined)).toEqual({ kind: 'refused', reason: 'account_unknown' });
    expect(decideOidcAccount({ isDisabled: true, role: 'staff' })).toEqual({
      kind: 'refused',
      reason: 'account_disabled',
    });
    expect(decideOidcAccount({ isDisabled: false, role: 'municipality_admin' })).toEqual({
      kind: 'accepted',
    });
  });
});

describe('isLoopbackHost', () => {
  it('knows this machine by name and address only', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.example.se')).toBe(false);
  });
});
