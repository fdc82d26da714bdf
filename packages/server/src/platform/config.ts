import { resolve } from 'node:path';
import type { SmtpSettings } from './mail';

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
  /** Outgoing mail (consent requests); unset: messages are logged as not sent. */
  smtp: SmtpSettings | undefined;
  /** The address people reach the server at, for links in e-mails; else http://localhost:PORT. */
  publicUrl: string | undefined;
  /** Passkeys' relying party (docs/sign-in.md "Passkeys"); unset parts follow `publicUrl`. */
  passkeys: { rpId?: string; origins?: string[] };
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
  let smtp: SmtpSettings | undefined;
  if (env.SMTP_HOST) {
    const smtpPort = env.SMTP_PORT ? Number(env.SMTP_PORT) : 587;
    if (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535)
      throw new ConfigError(`SMTP_PORT must be a whole number from 1 to 65535, not "${env.SMTP_PORT}".`);
    if (!env.MAIL_FROM)
      throw new ConfigError('MAIL_FROM must be set when SMTP_HOST is (e.g. portvakt@kommun.se).');
    smtp = {
      host: env.SMTP_HOST,
      port: smtpPort,
      isSecure: env.SMTP_SECURE === 'true',
      user: env.SMTP_USER || undefined,
      password: env.SMTP_PASSWORD || undefined,
      from: env.MAIL_FROM,
    };
  }
  if (env.PUBLIC_URL && !/^https?:\/\/[^/]+/.test(env.PUBLIC_URL))
    throw new ConfigError(
      'PUBLIC_URL must be an http:// or https:// address, e.g. https://portvakt.kommun.se.',
    );
  const passkeyOrigins = env.PASSKEY_ORIGINS?.split(',').map((origin) => origin.trim().replace(/\/+$/, ''));
  if (passkeyOrigins?.some((origin) => !/^https?:\/\/[^/]+$/.test(origin)))
    throw new ConfigError(
      'PASSKEY_ORIGINS must be origins separated by commas, e.g. https://portvakt.kommun.se.',
    );
  if (env.PASSKEY_RP_ID && !/^[a-z0-9.-]+$/.test(env.PASSKEY_RP_ID))
    throw new ConfigError('PASSKEY_RP_ID must be a domain name, e.g. portvakt.kommun.se.');
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || 'data'),
    databasePoolTimeoutMs,
    secretKey,
    isCookieSecure: env.COOKIE_SECURE !== 'false',
    logLevel: env.LOG_LEVEL || 'info',
    smtp,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    passkeys: {
      ...(env.PASSKEY_RP_ID ? { rpId: env.PASSKEY_RP_ID } : {}),
      ...(passkeyOrigins ? { origins: passkeyOrigins } : {}),
    },
  };
}
