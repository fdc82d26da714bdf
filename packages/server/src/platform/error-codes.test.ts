// One code, one status (docs/api.md "Errors"): a client branches on `code` alone, so a code sent
// with two statuses would mean two things. The property is about the source, so this reads it:
// every place that pairs a literal status with a literal code (`new ApiError(422, 'x'`, a helper
// that wraps ApiError with a fixed status and is called with a literal code, the error handler's
// own answers), across the server and core. Codes a use case passes on from core's refusals are
// not literal here; their status is fixed where the refusal is thrown (e.g. `throwIfRefused`).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCodes } from '@portvakt/contract';
import { reasonCodes } from '@portvakt/protocol';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const scannedDirs = ['packages/server/src', 'packages/core/src'];

interface Use {
  status: number;
  code: string;
  where: string;
}

function listSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listSourceFiles(path);
    const isSource = /\.tsx?$/.test(entry.name) && !/\.(test|testing)\.tsx?$/.test(entry.name);
    return isSource ? [path] : [];
  });
}

const code = `'([a-z][a-z0-9_-]*)'`;
/** A status and a code written side by side, wherever the error is made. */
const literalPairs = [
  // new ApiError(409, 'cabinet_retired', …), over one line or several.
  new RegExp(`new ApiError\\(\\s*(\\d{3})\\s*,\\s*${code}`, 'g'),
  // The error handler's table of Fastify's own errors: [415, 'unsupported_media_type', …].
  new RegExp(`\\[\\s*(\\d{3})\\s*,\\s*${code}\\s*,`, 'g'),
  // The error handler's own answers: reply.status(503).header(…).send(errorBody('database_busy', …).
  new RegExp(
    `\\.status\\((\\d{3})\\)(?:\\s*\\.header\\([^)]*\\))*\\s*\\.send\\(\\s*errorBody\\(\\s*${code}`,
    'g',
  ),
];
/**
 * A helper that fixes the status and takes the code, `const refuse = (code, …) => new ApiError(422,
 * code, …)` or `function refuse(code, …) { … new ApiError(422, code, …`: its name and status.
 */
const codeTakingHelper = new RegExp(
  String.raw`(?:const\s+(\w+)\s*=\s*\(|function\s+(\w+)\s*\()\s*(\w+)[\s\S]{0,400}?new ApiError\(\s*(\d{3})\s*,\s*(\w+)\s*,`,
  'g',
);

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

function findUses(): Use[] {
  const uses: Use[] = [];
  for (const file of scannedDirs.flatMap((dir) => listSourceFiles(join(repoRoot, dir)))) {
    const text = readFileSync(file, 'utf8');
    const where = (index: number) => `${relative(repoRoot, file)}:${lineOf(text, index)}`;
    for (const pattern of literalPairs)
      for (const match of text.matchAll(pattern))
        uses.push({ status: Number(match[1]), code: match[2]!, where: where(match.index) });
    for (const helper of text.matchAll(codeTakingHelper)) {
      const [, constName, functionName, firstParameter, status, codeArgument] = helper;
      if (firstParameter !== codeArgument) continue;
      const name = (constName ?? functionName)!;
      for (const call of text.matchAll(new RegExp(`\\b${name}\\(\\s*${code}`, 'g')))
        uses.push({ status: Number(status), code: call[1]!, where: where(call.index) });
    }
  }
  return uses;
}

const uses = findUses();

describe('error codes in the source', () => {
  it('finds the places errors are made (the scan itself works)', () => {
    expect(uses.length).toBeGreaterThan(200);
    expect(uses).toContainEqual(expect.objectContaining({ status: 404, code: 'not_found' }));
    expect(uses).toContainEqual(expect.objectContaining({ status: 415, code: 'unsupported_media_type' }));
    expect(uses).toContainEqual(expect.objectContaining({ status: 503, code: 'database_busy' }));
    expect(uses).toContainEqual(expect.objectContaining({ status: 422, code: 'no_entrances' }));
  });

  it('sends each code with one status only', () => {
    const byCode = new Map<string, Use[]>();
    for (const use of uses) byCode.set(use.code, [...(byCode.get(use.code) ?? []), use]);
    const mixed = [...byCode]
      .filter(([, found]) => new Set(found.map((use) => use.status)).size > 1)
      .map(([name, found]) => `${name}: ${found.map((use) => `${use.status} at ${use.where}`).join(', ')}`);
    expect(mixed, `codes sent with more than one status:\n${mixed.join('\n')}`).toEqual([]);
  });

  it('sends only codes the contract lists (or, on the device gateway, protocol reasons)', () => {
    const known = new Set<string>([...errorCodes, ...Object.keys(reasonCodes)]);
    const unknown = uses.filter((use) => !known.has(use.code)).map((use) => `${use.code} at ${use.where}`);
    expect(unknown, `codes not in errorCodes:\n${unknown.join('\n')}`).toEqual([]);
  });
});
