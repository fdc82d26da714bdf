import type { AddressInfo } from 'node:net';
import { migrate, openDatabase, warmPool, type Database } from '@portvakt/storage';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import type { Config } from './config';
import { startEventLogJobs } from '../events/retention-job';
import { startConsentReminderJob } from '../consents';
import { startWebhookJob } from '../webhooks';
import { startEmploymentEndJob } from '../registry';
import { createSmtpMailer } from './mail';
import type { AppContext } from './context';
import type { LockLoopback } from './lock-loopback';
import { createFieldCrypto, loadMasterKey } from './secrets';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** How this process takes part in a `portvakt start --workers N` cluster. */
export interface WorkerRole {
  /** What health reports: `embedded` when the primary process runs the embedded database for all. */
  databaseMode: 'embedded' | 'external';
  /**
   * Whether this process runs the event log's background jobs. They are safe to run in every
   * process (retention takes an advisory lock); one runner per machine just saves the others'
   * work.
   */
  isJobRunner: boolean;
}

/** What the process starting the server adds that the configuration cannot name. */
export interface ServerExtras {
  /** Simulated locks served at /lock-sim/{lockId} (tests and the demo only; lock-loopback.ts). */
  lockLoopback?: LockLoopback;
  /**
   * The clock of rules (`AppContext.now`): what the device gateway checks device times against
   * and issues tickets at. Only the live demo passes one (its simulation runs on an accelerated
   * clock); `portvakt start` runs on the machine's clock.
   */
  now?: () => Date;
}

/** Opens the database (embedded or external), applies migrations, and serves HTTP. */
export async function startServer(
  config: Config,
  log: (line: string) => void = console.log,
  worker?: WorkerRole,
  extras: ServerExtras = {},
): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolTimeoutMs: config.databasePoolTimeoutMs,
    keepConnectionsOpen: true,
  });
  // A connection the server ends while a request holds it (an operator stopping an external
  // PostgreSQL, or a shared cluster stopped by its owner) emits `error` on its client; the
  // request's own query fails with it and is answered, but the event must not end the process.
  database.pool.on('connect', (client) => {
    client.on('error', (error) => log(`database connection lost: ${error.message}`));
  });
  try {
    const result = await migrate(database.pool);
    if (result.applied.length > 0) log(`Applied migrations: ${result.applied.join(', ')}`);
    const masterKey = await loadMasterKey(config.secretKey, config.dataDir);
    const context: AppContext = {
      pool: database.pool,
      fieldCrypto: createFieldCrypto(masterKey),
      isCookieSecure: config.isCookieSecure,
      masterKey,
      ...(config.smtp ? { mailer: createSmtpMailer(config.smtp) } : {}),
      ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
      passkeys: config.passkeys,
      ...(extras.now ? { now: extras.now } : {}),
    };
    const app = await buildApp({
      context,
      databaseMode: worker?.databaseMode ?? database.mode,
      logLevel: config.logLevel,
      ...(extras.lockLoopback ? { lockLoopback: extras.lockLoopback } : {}),
    });
    if (worker?.isJobRunner ?? true) {
      startEventLogJobs(app, database.pool, masterKey);
      startConsentReminderJob(app, context);
      startWebhookJob(app, context);
      startEmploymentEndJob(app, context);
    }
    await warmPool(database.pool);
    const url = await app.listen({ port: config.port, host: config.host });
    if (!config.smtp) log('No SMTP_HOST set: e-mails are written to the server log, marked as not sent.');
    // Links in e-mails need an address; without PUBLIC_URL, this machine's (fine for a trial).
    context.publicUrl ??= `http://localhost:${(app.server.address() as AddressInfo).port}`;
    let isStopping = false;
    return {
      app,
      database,
      url,
      /**
       * Stops in order: stop accepting and let requests in flight finish (Fastify's close),
       * then end the pool once every connection is back, and only then stop PostgreSQL, so
       * no request sees its session terminated (57P01) under it.
       */
      async stop() {
        if (isStopping) return;
        isStopping = true;
        const closed = app.close();
        // A kept-alive connection whose request finishes after closing began goes idle and
        // would hold the close for the keep-alive timeout (72 s): close each as it goes idle.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
        try {
          await closed;
        } finally {
          clearInterval(sweep);
        }
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
