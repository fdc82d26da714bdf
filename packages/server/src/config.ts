// `@portvakt/server/config`: what the command line needs before a server, or without one: the
// configuration, the master key, password hashing and whether the web console is built.
// Importing the package's main entry loads the app (Fastify, every route and schema), seconds of
// a `portvakt` call that only reads the database or refuses a typo; this entry loads none of it.
export { readConfig, ConfigError, type Config } from './platform/config';
export { loadMasterKey } from './platform/secrets';
export { hashPassword } from './accounts/passwords';
export { hasWebBuild } from './platform/web-build';
