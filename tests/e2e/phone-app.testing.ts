// The staff phone app's browser tests on the visit-day world: the world with its locks on the
// loopback and a work lead of provider A, and the app's first use (the work lead enrols the
// phone, Bo logs in and chooses a code), which several tests walk before what they are about.
import { LockSimHost, type ManualWorldClock } from '@portvakt/devices';
import { createUser, testPassword } from '@portvakt/server/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createVisitDayWorld, type VisitDayWorld } from './visit-day.world';
import { ensureWebBuild } from './web-build';

export interface PhoneAppWorld {
  w: VisitDayWorld;
  host: LockSimHost;
  workLeadName: string;
}

/** The file's world, made in a beforeAll (read it in tests, not at load) and closed after all. */
export function usePhoneAppWorld(clock: ManualWorldClock): PhoneAppWorld {
  const made = { host: new LockSimHost() } as PhoneAppWorld;
  beforeAll(async () => {
    await ensureWebBuild();
    made.w = await createVisitDayWorld(clock, {}, { lockLoopback: made.host });
    for (const { id, lock } of Object.values(made.w.locks)) made.host.add(id, lock);
    made.workLeadName = await createUser(made.w.server.db.pool, made.w.municipalityId, 'work_lead', {
      providerId: made.w.providerA,
    });
  }, 180_000);
  afterAll(async () => {
    await made.w?.server.close();
  });
  return made;
}

/** From the app's first screen: the work lead enrols Bo's phone, Bo logs in and saves code 2580. */
export async function takeBoPhoneIntoUse(
  page: Page,
  { w, workLeadName }: Pick<PhoneAppWorld, 'w' | 'workLeadName'>,
): Promise<void> {
  await page.getByLabel('Arbetsledarens användarnamn').fill(workLeadName);
  await page.getByLabel('Arbetsledarens lösenord').fill(testPassword);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await page.getByRole('button', { name: /VD-P-BO/ }).click();
  await page.getByLabel('Användarnamn').fill(w.boPhone.username);
  await page.getByLabel('Lösenord').fill(testPassword);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByLabel('Personlig kod').fill('2580');
  await page.getByLabel('Samma kod igen').fill('2580');
  await page.getByRole('button', { name: 'Spara koden' }).click();
}
