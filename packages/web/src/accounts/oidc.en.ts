import type { oidcSv } from './oidc.sv';

export const oidcEn: Record<keyof typeof oidcSv, string> = {
  'oidc.or': 'or',
  'oidc.signIn': "Sign in with the municipality's login",
  'oidc.signInAt': "Sign in with the municipality's login ({name})",
  'oidc.hint': "E-ID, SITHS card or Freja through the municipality's identity provider.",
  'oidc.error.oidc_not_configured': "The municipality's login is not switched on.",
  'oidc.error.oidc_state_mismatch': 'The sign-in had expired or was already used. Try again.',
  'oidc.error.oidc_account_unknown':
    "You signed in at the municipality's identity provider, but no Portvakt account is linked to you. Contact your administrator.",
  'oidc.error.oidc_account_disabled': 'Your account is disabled. Contact your administrator.',
  'oidc.error.oidc_provider_refused': "The sign-in was cancelled at the municipality's identity provider.",
  'oidc.error.other':
    "Signing in through the municipality's identity provider failed. Try again or contact support.",
};
