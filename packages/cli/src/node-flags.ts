import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The `portvakt` executable: its shebang carries the Node flags the server runs with. */
export const portvaktBin = fileURLToPath(new URL('../bin/portvakt.js', import.meta.url));

/**
 * The Node flags `portvakt start` runs with, read from the executable's shebang
 * (`#!/usr/bin/env -S node <flags>`), so whoever starts the server another way (`npm start`, the
 * load bench spawning it) passes exactly these. A larger young generation lets a request's
 * short-lived objects (tickets, lock lists, rows) die young instead of being copied: 32 MiB
 * semi-spaces instead of Node's 16 cut the server's CPU per activation by about a quarter under a
 * shift-start rush, and 64 MiB by about a fifth more (docs/operations.md).
 */
export function readServerNodeFlags(): string[] {
  const shebang = readFileSync(portvaktBin, 'utf8').split('\n', 1)[0]!;
  const match = /^#!\/usr\/bin\/env -S node((?: --[a-z0-9-]+(?:=[^ ]+)?)*)$/.exec(shebang);
  if (!match) throw new Error(`unexpected shebang in ${portvaktBin}: ${shebang}`);
  return match[1]!.split(' ').filter((flag) => flag !== '');
}
