#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so no build step stands between a clone and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/cli/main.ts');
await runCli(process.argv);
