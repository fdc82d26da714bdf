import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findViolations } from './check-deps';
import { makeTree } from './temp-tree.testing';

describe('dependency direction check', () => {
  it('accepts the real repository', () => {
    expect(findViolations(join(import.meta.dirname, '..'))).toEqual([]);
  });

  it('rejects core importing storage and a Node built-in', () => {
    const root = makeTree({
      'packages/core/src/a.ts':
        "import { x } from '@portvakt/storage';\nimport { readFile } from 'node:fs';\n",
    });
    const violations = findViolations(root);
    expect(violations).toHaveLength(2);
    expect(violations[0]).toContain('core may not depend on storage');
    expect(violations[1]).toContain('pure');
  });

  it('rejects protocol importing pg but allows cborg', () => {
    const root = makeTree({
      'packages/protocol/src/a.ts': "import { encode } from 'cborg';\nexport { Pool } from 'pg';\n",
    });
    expect(findViolations(root)).toEqual([expect.stringContaining("imports 'pg'")]);
  });

  it('rejects storage importing server', () => {
    const root = makeTree({ 'packages/storage/src/a.ts': "const s = await import('@portvakt/server');\n" });
    expect(findViolations(root)).toEqual([expect.stringContaining('storage may not depend on server')]);
  });

  describe('capabilities inside a package', () => {
    const importing = (spec: string) => `import { x } from '${spec}';\n`;

    it("rejects a capability importing another capability's internal file", () => {
      const root = makeTree({
        'packages/server/src/events/upload-records.ts': importing('../devices/pin'),
        'packages/server/src/devices/pin.ts': 'export const x = 1;\n',
      });
      expect(findViolations(root)).toEqual([
        "packages/server/src/events/upload-records.ts: imports '../devices/pin' (events may use devices only through devices/index.ts)",
      ]);
    });

    it('also from a sub-folder, and into a sub-folder of the other capability', () => {
      const root = makeTree({
        'packages/web/src/registry/sections/staff.tsx': importing('../../access/parts/picker'),
      });
      expect(findViolations(root)).toEqual([
        expect.stringContaining('registry may use access only through access/index.ts'),
      ]);
    });

    it("accepts the other capability's index, its own files, and shared folders", () => {
      const root = makeTree({
        'packages/server/src/events/upload-records.ts': [
          importing('../devices'),
          importing('../devices/index'),
          importing('../devices/index.ts'),
          importing('./event-ingest'),
          importing('../platform/errors'),
          importing('../../../core/src/whatever'),
        ].join(''),
        'packages/web/src/events/events.page.tsx': importing('../shared/data-table'),
      });
      expect(findViolations(root)).toEqual([]);
    });

    it('lets tests, test support and shared folders reach internals', () => {
      const root = makeTree({
        'packages/server/src/events/upload-records.test.ts': importing('../devices/pin'),
        'packages/server/src/events/events.testing.ts': importing('../devices/pin'),
        'packages/server/src/platform/app.ts': importing('../devices/devices.routes'),
        'packages/server/src/index.ts': importing('./devices/pin'),
      });
      expect(findViolations(root)).toEqual([]);
    });
  });
});
