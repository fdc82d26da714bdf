#!/usr/bin/env node
// Runs the TypeScript CLI in this same process through tsx's loader, so the workspace needs no
// build step and signals (Ctrl-C) reach the CLI directly.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
