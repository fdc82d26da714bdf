// What other capabilities use of accounts: secrets as stored, and the one password check every
// way of logging in shares (the phone login in devices uses it too).
export { hashSecret, createSecret, isCanonicalSecret, actorFromUser, installAuthentication } from './auth';
export { checkPasswordLogin, userThrottle, addressThrottle } from './password-login';
export type { PasswordLoginAttempt, PasswordLoginResult, PasswordVerifier } from './password-login';
export { hashPassword, verifyPassword } from './passwords';
export { tooManyAttempts, registerAuthRoutes } from './auth.routes';
export { registerUserRoutes } from './users.routes';
export { registerTokenRoutes } from './tokens.routes';
export { registerPasskeyRoutes, passkeyRouteTemplates } from './passkeys.routes';
export { registerOidcRoutes, oidcRouteTemplates } from './oidc.routes';
