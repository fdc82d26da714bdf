#!/usr/bin/env -S node --max-semi-space-size=64
// Runs the TypeScript CLI in this same process through tsx's loader, so the workspace needs no
// build step and signals (Ctrl-C) reach the CLI directly.
// The shebang's Node flags are the server's (docs/operations.md "Node's young generation");
// `npm start` and `npm run bench -- load` pass the same ones (checked by node-flags.test.ts).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
