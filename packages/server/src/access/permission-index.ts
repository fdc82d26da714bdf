import { buildPermissionIndex, type PermissionFacts, type PermissionIndex } from '@portvakt/core';
import { listMunicipalityIds, loadPermissionFacts, readPermissionFactsVersion } from '@portvakt/storage';
import type pg from 'pg';

interface Cached {
  version: number;
  index: PermissionIndex;
  facts: PermissionFacts;
}

/**
 * The compiled permission index per municipality, rebuilt only when that municipality's facts
 * changed: every write to a fact table bumps the version of the municipalities it touched
 * (`municipality_permission_version`) in its own transaction, so a cached index is never older
 * than what a new request could read (works across several server processes), and a write in
 * one municipality leaves the others' indexes cached.
 */
export class PermissionIndexCache {
  private readonly cache = new Map<string, Cached>();
  private readonly building = new Map<string, Promise<Cached>>();

  constructor(private readonly pool: pg.Pool) {}

  /**
   * Builds every municipality's index now, one after another: a server calls this once it
   * listens, so the first rush after a start (staff activating keys at a shift change, every
   * worker of `--workers N` on its own) does not wait for a build of seconds.
   */
  async warm(): Promise<void> {
    for (const municipalityId of await listMunicipalityIds(this.pool)) await this.get(municipalityId);
  }

  /**
   * The current index and the facts it was built from. `knownVersion`: the facts version the
   * caller has just read itself (in a query it needed anyway), which saves reading it again; an
   * index at least that new is current enough for that request.
   */
  async get(
    municipalityId: string,
    knownVersion?: number,
  ): Promise<{ index: PermissionIndex; facts: PermissionFacts }> {
    const version = knownVersion ?? (await readPermissionFactsVersion(this.pool, municipalityId));
    for (;;) {
      const cached = this.cache.get(municipalityId);
      if (cached && cached.version >= version) return cached;
      // Concurrent requests share one rebuild; one that began before this version is awaited,
      // then built again.
      let pending = this.building.get(municipalityId);
      if (!pending) {
        pending = (async () => {
          const loaded = await loadPermissionFacts(this.pool, municipalityId);
          const entry = {
            version: loaded.version,
            facts: loaded.facts,
            index: buildPermissionIndex(loaded.facts),
          };
          const current = this.cache.get(municipalityId);
          if (!current || current.version < entry.version) this.cache.set(municipalityId, entry);
          return entry;
        })().finally(() => this.building.delete(municipalityId));
        this.building.set(municipalityId, pending);
      }
      const entry = await pending;
      if (entry.version >= version) return entry;
    }
  }
}
