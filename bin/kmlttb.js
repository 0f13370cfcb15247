#!/usr/bin/env node
// The `kmlttb` command: plain Node running the TypeScript back end through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/cli/run.ts');
