#!/usr/bin/env node
// Entry point of the `vaultscope-report` bin: everything else lives in program.ts, so tests can run it in-process.
// The AWS SDK warns once per process that Node 20 support ends in 2027; the README states the Node version.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { run } = await import('./program.js');

process.exitCode = await run(process.argv.slice(2));
