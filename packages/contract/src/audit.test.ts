import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditActions, auditEntities } from './audit';

const packagesDir = fileURLToPath(new URL('../..', import.meta.url));

function listSources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return listSources(path);
    return /\.ts$/.test(entry) && !/\.test\.ts$/.test(entry) ? [path] : [];
  });
}

/** Each literal `key: 'value'` written in the server's and the CLI's sources, with a file it is in. */
function findWrittenLiterals(key: string): Map<string, string> {
  const found = new Map<string, string>();
  const write = new RegExp(`\\b${key}:\\s*'([a-z_]+)'\\s*,`, 'g');
  for (const pkg of ['server', 'cli'])
    for (const file of listSources(join(packagesDir, pkg, 'src')))
      for (const match of readFileSync(file, 'utf8').matchAll(write)) found.set(match[1]!, file);
  return found;
}

/**
 * The actions written as literals (`action: 'block'`, `action: isSet ? 'set_pin' : 'set_pin_refused'`);
 * a type such as `action: 'read' | 'create'` is not a write and does not match.
 */
function findWrittenActions(): Map<string, string> {
  const found = new Map<string, string>();
  const write = /\baction:\s*((?:[^,'\n]*\?\s*)?'[a-z_]+'(?:\s*:\s*'[a-z_]+')?)\s*,/g;
  for (const pkg of ['server', 'cli']) {
    for (const file of listSources(join(packagesDir, pkg, 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(write)) {
        for (const literal of match[1]!.matchAll(/'([a-z_]+)'/g)) found.set(literal[1]!, file);
      }
    }
  }
  return found;
}

describe('auditActions', () => {
  it('lists every action the server and the CLI write to the audit trail', () => {
    const written = findWrittenActions();
    // The scan must see the writes it is about, or it proves nothing.
    for (const action of ['create', 'block', 'activate', 'set_pin_refused', 'phone_login', 'release'])
      expect(written.has(action), action).toBe(true);
    const missing = [...written].filter(([action]) => !(auditActions as readonly string[]).includes(action));
    expect(missing).toEqual([]);
  });

  it('has no action twice', () => {
    expect(new Set(auditActions).size).toBe(auditActions.length);
  });
});

describe('auditEntities', () => {
  it('lists every entity the server and the CLI write an audit entry about', () => {
    const written = findWrittenLiterals('entity');
    for (const entity of ['user_session', 'battery_change', 'relative_invitation', 'api_token'])
      expect(written.has(entity), entity).toBe(true);
    const missing = [...written].filter(([entity]) => !(auditEntities as readonly string[]).includes(entity));
    expect(missing).toEqual([]);
  });

  it('has no entity twice', () => {
    expect(new Set(auditEntities).size).toBe(auditEntities.length);
  });
});
