import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUnresolvedCitations, readDefinedIds } from './check-requirements';
import { makeTree } from './temp-tree.testing';

const requirements = '# Requirements\n\n## R3 Permissions\n\n- **R3.2** Only chosen providers.\n';

describe('requirement ids', () => {
  it('every id cited in the repository is defined in docs/requirements.md', () => {
    expect(findUnresolvedCitations(join(import.meta.dirname, '..'))).toEqual([]);
  });

  it('reads sections and entries as definitions', () => {
    expect([...readDefinedIds(makeTree({ 'docs/requirements.md': requirements }))]).toEqual(['R3', 'R3.2']);
  });

  it('reports a cited id that is not defined, with file and line', () => {
    const root = makeTree({
      'docs/requirements.md': requirements,
      'packages/core/src/access/rule.ts': '// R3 and R3.2 are defined\n// R3.9 is not\n',
      'packages/web/dist/bundle.js': '// build output is not read: R77\n',
    });
    expect(findUnresolvedCitations(root)).toEqual(['packages/core/src/access/rule.ts:2: R3.9']);
  });
});
