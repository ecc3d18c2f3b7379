#!/usr/bin/env node
// `npm run dev -- <command>`: Mizan from its TypeScript sources, through tsx (no build step; slower
// start-up). The tests run the CLI this way too (vitest.config.ts sets MIZAN_FROM_SOURCES).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
