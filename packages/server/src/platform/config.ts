import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; unset means the embedded one under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** How long a request waits for a database connection before it is answered 503 `database_busy`. */
  databasePoolTimeoutMs: number | undefined;
  /** 32-byte master key for field encryption and issuer keys; else generated under `dataDir`. */
  secretKey: Buffer | undefined;
  /** Send cookies only over HTTPS (browsers also accept them on http://localhost). */
  isCookieSecure: boolean;
  logLevel: string;
}

export class ConfigError extends Error {}

/** Reads and checks the configuration from the environment; throws ConfigError with a clear message. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535, not "${env.PORT}".`);
  }
  let secretKey: Buffer | undefined;
  if (env.PORTVAKT_SECRET_KEY) {
    secretKey = Buffer.from(env.PORTVAKT_SECRET_KEY, 'base64');
    if (secretKey.length !== 32) {
      throw new ConfigError(
        'PORTVAKT_SECRET_KEY must be 32 random bytes in base64 (openssl rand -base64 32).',
      );
    }
  }
  if (env.DATABASE_URL && !/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// connection string.');
  }
  const poolTimeout = env.DATABASE_POOL_TIMEOUT_MS;
  const databasePoolTimeoutMs = poolTimeout ? Number(poolTimeout) : undefined;
  if (
    databasePoolTimeoutMs !== undefined &&
    !(Number.isInteger(databasePoolTimeoutMs) && databasePoolTimeoutMs > 0)
  ) {
    throw new ConfigError(
      `DATABASE_POOL_TIMEOUT_MS must be a positive whole number of milliseconds, not "${poolTimeout}".`,
    );
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || 'data'),
    databasePoolTimeoutMs,
    secretKey,
    isCookieSecure: env.COOKIE_SECURE !== 'false',
    logLevel: env.LOG_LEVEL || 'info',
  };
}
