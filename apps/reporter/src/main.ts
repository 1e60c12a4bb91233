#!/usr/bin/env node
// Entry point of the `vaultscope-report` bin: everything else lives in program.ts, so tests can run it in-process.
import { run } from './program.js';

process.exitCode = await run(process.argv.slice(2));
