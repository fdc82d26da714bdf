// Swedish texts: signing in through the municipality's identity provider (docs/oidc.md). The
// English table (oidc.en.ts) is typed against this one.
export const oidcSv = {
  'oidc.or': 'eller',
  'oidc.signIn': 'Logga in med kommunens inloggning',
  'oidc.signInAt': 'Logga in med kommunens inloggning ({name})',
  'oidc.hint': 'E-legitimation, SITHS-kort eller Freja via kommunens identitetstjänst.',
  'oidc.error.oidc_not_configured': 'Kommunens inloggning är inte påslagen.',
  'oidc.error.oidc_state_mismatch': 'Inloggningen hade gått ut eller var redan använd. Försök igen.',
  'oidc.error.oidc_account_unknown':
    'Du loggade in hos kommunens identitetstjänst, men inget konto i Portvakt är kopplat till dig. Kontakta din administratör.',
  'oidc.error.oidc_account_disabled': 'Ditt konto är avstängt. Kontakta din administratör.',
  'oidc.error.oidc_provider_refused': 'Inloggningen avbröts hos kommunens identitetstjänst.',
  'oidc.error.other':
    'Inloggningen via kommunens identitetstjänst misslyckades. Försök igen eller kontakta support.',
} as const;
