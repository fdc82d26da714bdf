// `npm run bench -- search`: finding a customer (GET /api/v1/customers?q=…, docs/api.md "Search")
// over HTTP on the load bench's registry (bench/load-world.ts: 15,000 customers in 13 districts,
// 60 providers). The search matches every word against the customer's names and their home's
// street address and apartment, inside the reader's scope, so it reads more than a list page does.
// Peer, measured in the same run by the same reader: the first page of the unsearched list
// (GET /api/v1/customers?limit=50), the request the console sends before anyone types.
//
// Two readers: the municipality admin (every customer) and a work lead of one provider (only the
// customers their provider serves: the scope is part of the same WHERE). Each phase runs
// SEARCH_BENCH_CLIENTS (16) clients for SEARCH_BENCH_SECONDS (10) seconds, each sending one request
// after another; the searched phases turn through a name, a name and a given name, a street
// address with its number, a short fragment that matches thousands, and a word that matches none.
// Any answer other than 200 is an error. Progress goes to stderr; the result is one JSON line on
// stdout. Stops the server and PostgreSQL and removes the data dir, also on error.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '@portvakt/server/testing';
import {
  createLoadClient,
  drive,
  fmt,
  loadRegistry,
  percentile,
  readCookieHeader,
  step,
  type PhaseResult,
} from './load-driver';
import { startServerProcess, type ServerProcess } from './server-process';
import { familyNames, givenNames } from './stockholm-names';

const phaseSeconds = Number(process.env.SEARCH_BENCH_SECONDS ?? 10);
const clients = Number(process.env.SEARCH_BENCH_CLIENTS ?? 16);
const maxRequests = 1_000_000;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** What people type into the customer search, in turn. */
const searchTerms = (n: number): string => {
  const family = familyNames[n % familyNames.length]!;
  const given = givenNames[(n * 7) % givenNames.length]!;
  switch (n % 5) {
    case 0:
      return family;
    case 1:
      return `${given} ${family}`;
    case 2:
      return `Storgatan ${1 + ((n * 37) % 5_000)}`;
    case 3:
      return family.slice(0, 2).toLowerCase();
    default:
      return 'Qwxzy';
  }
};

const dataDir = await mkdtemp(join(tmpdir(), 'portvakt-bench-search-'));
// Embedded PostgreSQL runs as an unprivileged user when the bench runs as root.
await chmod(dataDir, 0o755);
let server: ServerProcess | undefined;

try {
  let done = step(`generating and loading the registry into ${dataDir}`, log);
  const { world, password } = await loadRegistry(dataDir, { log });
  done();

  done = step('starting the server: portvakt start --workers 1', log);
  server = await startServerProcess({ dataDir, secretKey: randomBytes(32).toString('base64') });
  const baseUrl = server.baseUrl;
  done();

  done = step('signing in the municipality admin and a work lead of one provider', log);
  const admin = await new ApiClient(baseUrl).login('bench.admin', password);
  const providerId = world.activeStaff[0]!.providerId;
  const leadPassword = randomBytes(12).toString('base64url');
  const created = await admin.post('/api/v1/users', {
    username: 'bench.lead',
    displayName: 'Bench work lead',
    password: leadPassword,
    role: 'work_lead',
    providerId,
  });
  if (created.status !== 201) throw new Error(`work lead: ${JSON.stringify(created.body)}`);
  const lead = await new ApiClient(baseUrl).login('bench.lead', leadPassword);
  done();

  const phases: Array<{ reader: string; kind: 'list' | 'search'; result: PhaseResult }> = [];
  for (const [reader, client] of [
    ['municipality admin', admin],
    ['work lead', lead],
  ] as const) {
    const http = createLoadClient(baseUrl, { cookieHeader: readCookieHeader(client), maxSockets: clients });
    // What each search finds (the first page), so the figures say what was asked.
    for (let n = 0; n < 5; n++) {
      const page = await client.get(`/api/v1/customers?limit=50&q=${encodeURIComponent(searchTerms(n))}`);
      if (page.status !== 200) throw new Error(`search: ${JSON.stringify(page.body)}`);
      log(
        `  ${reader}: "${searchTerms(n)}" finds ${(page.body as { items: unknown[] }).items.length} on page 1`,
      );
    }
    for (let i = 0; i < 20; i++) await http.get('/api/v1/customers?limit=50');
    for (const kind of ['list', 'search'] as const) {
      done = step(`${reader}: ${kind === 'list' ? 'first list page' : 'searches'}, ${clients} clients`, log);
      const result = await drive(
        { clients, maxRequests, seconds: phaseSeconds, serverPid: server.pid },
        (n) =>
          http
            .get(
              kind === 'list'
                ? '/api/v1/customers?limit=50'
                : `/api/v1/customers?limit=50&q=${encodeURIComponent(searchTerms(n))}`,
            )
            .then((status) => status === 200),
      );
      done();
      phases.push({ reader, kind, result });
      log(
        `    ${fmt(result.perSecond)} req/s, p50 ${fmt(percentile(result.latencies, 50), 1)} ms, p95 ${fmt(
          percentile(result.latencies, 95),
          1,
        )} ms, errors ${result.errors}`,
      );
    }
    http.destroy();
  }

  const summary = (reader: string) => {
    const list = phases.find((p) => p.reader === reader && p.kind === 'list')!.result;
    const search = phases.find((p) => p.reader === reader && p.kind === 'search')!.result;
    return {
      listPerSecond: Math.round(list.perSecond),
      listP50Ms: Number(percentile(list.latencies, 50).toFixed(1)),
      listP95Ms: Number(percentile(list.latencies, 95).toFixed(1)),
      searchPerSecond: Math.round(search.perSecond),
      searchP50Ms: Number(percentile(search.latencies, 50).toFixed(1)),
      searchP95Ms: Number(percentile(search.latencies, 95).toFixed(1)),
      errors: list.errors + search.errors,
      /** Search throughput as a share of the list page's (1 = as fast). */
      ratioSearchToList: Number((search.perSecond / list.perSecond).toFixed(2)),
    };
  };
  const admin_ = summary('municipality admin');
  const lead_ = summary('work lead');
  console.log(
    JSON.stringify({
      bench: 'search',
      customers: world.customerIds.length,
      clients,
      phaseSeconds,
      admin: admin_,
      workLead: lead_,
      ratio: admin_.ratioSearchToList,
      peer: 'first page of the unsearched customer list, same reader, same run',
    }),
  );
  if (admin_.errors + lead_.errors > 0) process.exitCode = 1;
} finally {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
}
