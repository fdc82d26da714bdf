// A real OpenID Connect provider (the `oidc-provider` package) for tests, run in a process of its
// own so that its clock can start at a chosen instant without touching the test's: every token it
// issues (iat, exp) is dated on that clock. Started by oidc-provider.testing.ts, which passes the
// settings in OIDC_FIXTURE and reads the issuer from the first line this prints.
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

interface FixtureSettings {
  /** The provider's clock starts here (ISO instant) and runs on from it. */
  clockStart: string;
  clients: Array<{ clientId: string; clientSecret: string; redirectUri: string }>;
  /** Claims of each account the login form accepts, by login name (the subject). */
  accounts: Record<string, Record<string, unknown>>;
  /**
   * A client whose ID tokens this provider re-addresses to another application (signed with its
   * own key, otherwise valid): a token meant for someone else, to prove the audience is checked.
   */
  readdressedClientId?: string;
  idTokenTtlSeconds: number;
}

const settings = JSON.parse(process.env.OIDC_FIXTURE ?? '{}') as FixtureSettings;

// The provider reads the time only through Date: from here on it runs from the chosen instant.
const RealDate = Date;
const offsetMs = new RealDate(settings.clockStart).getTime() - RealDate.now();
class ShiftedDate extends RealDate {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...(args as [string]));
  }
  static override now(): number {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = ShiftedDate as DateConstructor;

const { default: Provider } = await import('oidc-provider');

const kid = randomUUID();
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };

/** Signs claims as this provider signs its ID tokens (RS256 with its one key). */
function signWithProviderKey(header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
}

const server = createServer();
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const provider = new Provider(issuer, {
  clients: settings.clients.map((client) => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: [client.redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  jwks: { keys: [signingJwk] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'employee_number', 'personal_identity_number'],
  },
  // Claims go into the ID token itself (the relying party reads no userinfo).
  conformIdTokenClaims: false,
  ttl: { IdToken: settings.idTokenTtlSeconds },
  features: { devInteractions: { enabled: true } },
  findAccount: (_ctx, id) => {
    const claims = settings.accounts[id] ?? {};
    return { accountId: id, claims: () => ({ sub: id, ...claims }) };
  },
});

provider.use(async (ctx, next) => {
  await next();
  const body = ctx.body as { id_token?: string } | undefined;
  if (ctx.path !== '/token' || ctx.status !== 200 || !body?.id_token) return;
  const clientId = (ctx.oidc as { client?: { clientId: string } } | undefined)?.client?.clientId;
  if (clientId !== settings.readdressedClientId) return;
  const [header, payload] = body.id_token
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
  body.id_token = signWithProviderKey(header!, { ...payload, aud: 'another-application' });
});

const handle = provider.callback();
server.on('request', (request, response) => void handle(request, response));
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
