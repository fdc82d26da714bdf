// Who and when the demo's support side (seed-demo-support.ts, seed-demo-keys.ts) acts as: the demo
// logins as actors, the two home-care providers, and instants counted back from the seed's now.
import { decideAccess, type Actor, type Scope } from '@portvakt/core';
import { listUsersByUsername, readIdsByNaturalKey } from '@portvakt/storage';
import type pg from 'pg';

export const requestId = 'seed-demo';
export const providerNames = {
  municipal: 'Hemtjänsten Portvik (kommunal)',
  omsorgshuset: 'Omsorgshuset Portvik AB',
} as const;
export const logins = {
  admin: 'demo.admin',
  lockManager: 'demo.lasansvarig',
  support: 'demo.support',
  installer: 'demo.montor',
  workLead: 'demo.arbetsledare',
  otherWorkLead: 'demo.arbetsledare.omsorgshuset',
  staff: 'demo.personal',
  owner: 'demo.fastighetsagare',
} as const;
export type LoginKey = keyof typeof logins;

export interface Setting {
  pool: pg.Pool;
  municipalityId: string;
  now: Date;
  actors: Record<LoginKey, Actor>;
  providers: { municipal: string; omsorgshuset: string };
}

export async function readSetting(pool: pg.Pool, municipalityId: string, now: Date): Promise<Setting> {
  const users = await listUsersByUsername(pool, municipalityId, Object.values(logins));
  const actorOf = (key: LoginKey): Actor => {
    const user = users.find((row) => row.username === logins[key]);
    if (!user) throw new Error(`The demo login ${logins[key]} is missing; seed a fresh demo.`);
    return {
      kind: 'user',
      id: user.id,
      label: user.username,
      role: user.role,
      municipalityId,
      providerId: user.providerId,
      staffMemberId: user.staffMemberId,
      // What a case is filed under, so its raiser (an owner, a locksmith company) sees it again.
      propertyOwnerId: user.propertyOwnerId,
      locksmithCompanyId: user.locksmithCompanyId,
      isReadOnly: false,
    };
  };
  const actors = Object.fromEntries(
    (Object.keys(logins) as LoginKey[]).map((key) => [key, actorOf(key)]),
  ) as Record<LoginKey, Actor>;
  const providerIds = await readIdsByNaturalKey(pool, 'provider', municipalityId);
  const providerId = (name: string) => {
    const id = providerIds.get(name);
    if (!id) throw new Error(`The demo provider ${name} is missing; seed a fresh demo.`);
    return id;
  };
  return {
    pool,
    municipalityId,
    now,
    actors,
    providers: {
      municipal: providerId(providerNames.municipal),
      omsorgshuset: providerId(providerNames.omsorgshuset),
    },
  };
}

/** An instant `days` days before the seed's now, at `hh:mm` UTC (minutes before now when days = 0). */
export function daysAgo(setting: Setting, days: number, hh = 9, mm = 0): Date {
  const at = new Date(setting.now.getTime() - days * 86_400_000);
  at.setUTCHours(hh, mm, 0, 0);
  return at;
}

export function minutesAfter(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

export function scopeOf(
  actor: Actor,
  resource: Parameters<typeof decideAccess>[1],
  action: 'create' | 'update',
): Scope {
  const scope = decideAccess(actor, resource, action);
  if (!scope) throw new Error(`${actor.label} may not ${action} ${resource}.`);
  return scope;
}
