// A console test's world: the web build, a test world (with the clock and municipality name the
// test gives), a municipality admin and a work lead of provider A to log in as, and API clients
// logged in by user name.
import { ApiClient, startTestWorld, testPassword, type TestWorld } from '@portvakt/server/testing';
import { ensureWebBuild } from './web-build';

export interface ConsoleWorld extends TestWorld {
  adminName: string;
  workLeadName: string;
  apiAs: (username: string) => Promise<ApiClient>;
}

export async function startConsoleWorld(
  options: Parameters<typeof startTestWorld>[0] = {},
): Promise<ConsoleWorld> {
  await ensureWebBuild();
  const started = await startTestWorld(options);
  const adminName = await started.createUser('municipality_admin');
  const workLeadName = await started.createUser('work_lead', { providerId: started.world.provider.a });
  const apiAs = (username: string) => new ApiClient(started.server.url).login(username, testPassword);
  return { ...started, adminName, workLeadName, apiAs };
}
