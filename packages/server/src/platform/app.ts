import { answerClientError } from './client-error';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Ajv } from 'ajv';
import { ErrorBody } from '@portvakt/contract';
import { useEs256Engine } from '@portvakt/protocol';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAccessPathRoutes } from '../access/access-path.routes';
import { registerAuditRoutes } from '../audit';
import { registerEventRoutes } from '../events/events.routes';
import { registerEventSummaryRoutes } from '../events/event-summary.routes';
import { registerCarePlanRoutes } from '../visits/care-plan.routes';
import { registerVisitRoutes } from '../visits/visits.routes';
import { registerCompensationRoutes } from '../visits/compensation.routes';
import { registerAlarmRoutes } from '../visits/alarms.routes';
import { registerWorkShiftRoutes } from '../visits/work-shifts.routes';
import { registerBreakGlassRoutes } from '../visits/break-glass.routes';
import { registerLockConsentRoutes, registerWorkOrderRoutes } from '../work-orders';
import { registerBatteryRoutes } from '../batteries';
import { registerKeyCabinetRoutes } from '../key-cabinets';
import { registerBackupKeyRoutes, registerDeviationPlanRoutes } from '../backup-keys';
import { registerConsentLinkRoutes, registerConsentRoutes } from '../consents';
import { registerSupportCaseRoutes } from '../support';
import { registerEmergencyArrivalRoutes, registerEmergencyRoutes } from '../emergency';
import {
  installAuthentication,
  registerAuthRoutes,
  registerPasskeyRoutes,
  registerOidcRoutes,
  registerTokenRoutes,
  registerUserRoutes,
} from '../accounts';
import type { AppContext } from './context';
import { ApiError, installErrorHandling } from './errors';
import { registerHealthRoutes } from './health.routes';
import { installIdempotency } from './idempotency';
import { installInputChecks } from './input-checks';
import { registerMunicipalityRoutes } from '../registry/municipality.routes';
import { PermissionIndexCache } from '../access/permission-index';
import { registerPermissionRoutes } from '../access/permissions.routes';
import { registerDeviceGatewayRoutes } from '../devices/device-gateway.routes';
import { registerDeviceRoutes } from '../devices/devices.routes';
import { ingestRecordBatches } from '../events/event-ingest';
import { IssuerKeyStore } from '../devices/issuer-keys';
import { nodeEs256 } from '../devices/node-es256';
import { registerRegistryRoutes } from '../registry/registry.routes';
import { registerRolloutRoutes } from '../rollout';
import { registerImportRoutes } from '../imports';
import { registerLiveRoutes } from '../live';
import { registerRelativeLinkRoutes, registerRelativeRoutes } from '../relatives';
import { registerWebhookRoutes } from '../webhooks';
import { registerExportRoutes } from '../exports';
import { hasWebBuild, webDistDir } from './web-build';
import { registerMissingWebNotice, registerWebRoutes } from './web.routes';
import { registerLockLoopback, type LockLoopback } from './lock-loopback';
import { addServerFormats } from './formats';

/**
 * Query strings can carry personal data (identity-number lookups, name searches, list cursors,
 * which hold the last row's sort value, e.g. a family name); logs keep the parameter names but
 * never their values.
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const params = new URLSearchParams(url.slice(queryStart + 1));
  for (const name of ['identityNumber', 'q', 'cursor']) if (params.has(name)) params.set(name, 'REDACTED');
  return `${url.slice(0, queryStart)}?${params.toString()}`;
}

/**
 * Whether a URL names an API path however it is spelled: percent-encoded, in capitals, with
 * doubled slashes. Authentication does not depend on this (it follows the matched route); it
 * only keeps such URLs from being answered as web pages.
 */
export function looksLikeApi(url: string): boolean {
  let path = url.split('?')[0] ?? '';
  // Decode until nothing changes, so `%2561` (an encoded `%61`) is seen as `a` too.
  for (let round = 0; round < 4 && path.includes('%'); round += 1) {
    try {
      const decoded = decodeURIComponent(path);
      if (decoded === path) break;
      path = decoded;
    } catch {
      break; // a malformed escape: judge what we have
    }
  }
  return /^\/+api(\/|$)/i.test(path);
}

export interface AppOptions {
  context: AppContext;
  databaseMode: string;
  logLevel?: string;
  /** Where logs go (stdout by default); tests capture them to check nothing secret is logged. */
  logStream?: NodeJS.WritableStream;
  /** Serves simulated locks at /lock-sim/{lockId} (tests and the demo only; lock-loopback.ts). */
  lockLoopback?: LockLoopback;
}

/** Largest request body the API accepts. */
export const bodyLimitBytes = 256 * 1024;

function createAjv(isCoercing: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    removeAdditional: false,
    useDefaults: true,
    // Query strings and path parameters arrive as text; bodies must already have the right types.
    coerceTypes: isCoercing ? 'array' : false,
    strict: false,
  });
  return addServerFormats(ajv);
}

/** Registers route files that need only the context, in order (the OpenAPI document lists them so). */
async function registerEach(
  app: FastifyInstance,
  context: AppContext,
  registrations: ((app: FastifyInstance, context: AppContext) => void | Promise<void>)[],
): Promise<void> {
  for (const register of registrations) await register(app, context);
}

/** Builds the HTTP application: authenticate → validate → authorise → use case → present. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Every signature the server makes or checks, in this process (devices/node-es256.ts).
  useEs256Engine(nodeEs256);
  const app = Fastify({
    logger: {
      level: options.logLevel ?? 'info',
      ...(options.logStream ? { stream: options.logStream } : {}),
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
      serializers: {
        req: (request: { method: string; url: string; ip?: string }) => ({
          method: request.method,
          url: redactUrl(request.url),
          remoteAddress: request.ip,
        }),
      },
    },
    bodyLimit: bodyLimitBytes,
    trustProxy: false,
    genReqId: () => crypto.randomUUID(),
    clientErrorHandler: answerClientError,
  });
  const bodyAjv = createAjv(false);
  const textAjv = createAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object),
  );
  app.addSchema(ErrorBody);

  // JSON only: a text/plain body would otherwise be parsed and reach validation as a string.
  app.removeContentTypeParser('text/plain');
  installErrorHandling(app);
  installInputChecks(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Portvakt API',
        version: '0.1.0',
        description:
          'Open API for keyless home care: registry, access, devices and audit. Every error is `{ code, message, details? }`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'portvakt_session' },
          token: { type: 'http', scheme: 'bearer', description: 'API token (pvt_…)' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    // API answers carry personal data: never let a browser or proxy keep them.
    if (request.routeOptions.url?.startsWith('/api/') || looksLikeApi(request.url))
      void reply.header('cache-control', 'no-store');
  });
  // A URL that spells an API path another way (`/API/v1/…`, `//api/v1/…`) and matches no API
  // route gets the API's 404, not the web console's page.
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.url?.startsWith('/api/')) return;
    if (looksLikeApi(request.url)) throw new ApiError(404, 'route_not_found', 'No such API route.');
  });
  installAuthentication(app, options.context);
  // Before any route is registered: it wraps the writing routes' handlers as they are added.
  installIdempotency(app, options.context);

  app.get('/api/v1/openapi.json', { config: { isPublic: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  registerHealthRoutes(app, options.context, options.databaseMode);
  await registerEach(app, options.context, [
    registerAuthRoutes,
    registerMunicipalityRoutes,
    registerRegistryRoutes,
    registerAccessPathRoutes,
    registerUserRoutes,
    registerTokenRoutes,
    registerPasskeyRoutes,
    registerOidcRoutes,
    registerAuditRoutes,
  ]);
  const permissions = new PermissionIndexCache(options.context.pool);
  let warming: Promise<void> | undefined;
  app.addHook('onListen', async () => {
    warming = permissions.warm().catch((error: unknown) => {
      app.log.warn({ err: error }, 'could not build the permission indexes at start');
    });
  });
  app.addHook('onClose', async () => warming);
  registerPermissionRoutes(app, options.context, permissions);
  const issuerKeys = new IssuerKeyStore(options.context.pool, options.context.masterKey);
  registerDeviceRoutes(app, options.context, issuerKeys);
  registerDeviceGatewayRoutes(app, options.context, {
    issuerKeys,
    permissions,
    recordSink: (municipalityId, batches, source, now) =>
      ingestRecordBatches(options.context.pool, municipalityId, batches, source, { now }),
  });
  await registerEach(app, options.context, [
    registerEventRoutes,
    registerEventSummaryRoutes,
    registerVisitRoutes,
    registerCompensationRoutes,
    registerRolloutRoutes,
    registerImportRoutes,
    registerAlarmRoutes,
    registerWorkShiftRoutes,
    registerBreakGlassRoutes,
  ]);
  registerWorkOrderRoutes(app, options.context, issuerKeys);
  await registerEach(app, options.context, [
    registerLockConsentRoutes,
    registerBatteryRoutes,
    registerKeyCabinetRoutes,
    registerBackupKeyRoutes,
    registerDeviationPlanRoutes,
    registerCarePlanRoutes,
    registerConsentRoutes,
    registerConsentLinkRoutes,
    registerSupportCaseRoutes,
    registerEmergencyRoutes,
    registerEmergencyArrivalRoutes,
    registerLiveRoutes,
    registerWebhookRoutes,
    registerExportRoutes,
  ]);
  // Relatives' self-service (docs/relatives.md).
  await registerEach(app, options.context, [registerRelativeRoutes, registerRelativeLinkRoutes]);
  if (options.lockLoopback) await registerLockLoopback(app, options.lockLoopback);
  if (hasWebBuild()) await registerWebRoutes(app, { distDir: webDistDir });
  else registerMissingWebNotice(app);
  return app;
}
