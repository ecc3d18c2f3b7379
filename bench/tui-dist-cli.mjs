#!/usr/bin/env node
// bin/mizan.js without its staleness check: always the bundle (dist/mizan.js, or the module named by
// MIZAN_BENCH_MAIN). For `bench/tui.ts --cli` while sources are being edited, when bin/mizan.js
// would (rightly) refuse a bundle older than the sources.
import { pathToFileURL } from 'node:url';

const entry = process.env['MIZAN_BENCH_MAIN'] ? pathToFileURL(process.env['MIZAN_BENCH_MAIN']).href : '../dist/mizan.js';
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
