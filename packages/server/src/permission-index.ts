import { buildPermissionIndex, type PermissionFacts, type PermissionIndex } from '@portvakt/core';
import { loadPermissionFacts, readPermissionFactsVersion } from '@portvakt/storage';
import type pg from 'pg';

interface Cached {
  version: number;
  index: PermissionIndex;
  facts: PermissionFacts;
}

/**
 * The compiled permission index per municipality, rebuilt only when the facts changed: every
 * write to a fact table bumps `permission_facts_version` in its own transaction, so a cached index
 * is never older than what a new request could read (works across several server processes).
 */
export class PermissionIndexCache {
  private readonly cache = new Map<string, Cached>();
  private readonly building = new Map<string, Promise<Cached>>();

  constructor(private readonly pool: pg.Pool) {}

  /** The current index and the facts it was built from. */
  async get(municipalityId: string): Promise<{ index: PermissionIndex; facts: PermissionFacts }> {
    const version = await readPermissionFactsVersion(this.pool);
    const cached = this.cache.get(municipalityId);
    if (cached && cached.version === version) return cached;
    // Concurrent requests share one rebuild.
    let pending = this.building.get(municipalityId);
    if (!pending) {
      pending = (async () => {
        const loaded = await loadPermissionFacts(this.pool, municipalityId);
        const entry = {
          version: loaded.version,
          facts: loaded.facts,
          index: buildPermissionIndex(loaded.facts),
        };
        this.cache.set(municipalityId, entry);
        return entry;
      })().finally(() => this.building.delete(municipalityId));
      this.building.set(municipalityId, pending);
    }
    return pending;
  }
}
