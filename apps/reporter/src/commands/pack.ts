/**
 * `pack`: a signed DORA evidence pack for a period, from the history ledger and the source's current posture.
 * `--now` (or SOURCE_DATE_EPOCH) fixes the clock, so a pack can be rebuilt byte for byte.
 */
import { dirname, resolve } from 'node:path';
import { InputError, hasCalendarDate, type Posture } from '@vaultscope/core';
import { describeSource, parseSourceSpec } from '@vaultscope/sources';
import { openLedgerStore, resolveLedgerPath, vaultscopeDirs } from '@vaultscope/ledger';
import type { Command } from 'commander';
import { addAwsOptions, type AwsCliOptions } from '../cli/awsOptions.js';
import { createCliContext, LEDGER_SOURCE, type CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import { loadSigningIdentity, type SigningIdentity } from '../evidence/identity.js';
import { buildPack, checkOutDir, type PackResult } from '../pack/buildPack.js';
import { describeReceipt, recordObservation } from './observe.js';
import { parsePeriod, type PackPeriod } from '../pack/model/period.js';
import { removeStaleTempDirs, removeTempDirsOnSignal } from '../pack/tempDirs.js';
import { int } from '../pack/text.js';
import { VERSION } from '../version.js';

/** Options shared by `pack` and `schedule`. */
export interface PackCommandOptions extends AwsCliOptions {
  source: string;
  ledger?: string;
  policy?: string;
  signP12?: string;
  signPassEnv?: string;
  /** RFC 3161 time-stamping authority URL. */
  tsa?: string;
  /** CRL files for the signer's chain (`--crl`, repeatable). */
  crl?: string[];
  collect?: boolean;
  force?: boolean;
}

/**
 * The fixed clock `--now` or SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds convention) asks for;
 * `--now` wins. Undefined when neither is given.
 */
export function fixedClock(now: string | undefined, env: NodeJS.ProcessEnv = process.env): Date | undefined {
  if (now !== undefined) {
    const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(now) && hasCalendarDate(now) ? Date.parse(now) : Number.NaN;
    if (Number.isNaN(t)) throw new InputError(`--now: "${now}" is not an ISO-8601 time with a zone (e.g. 2026-11-01T06:00:00Z)`);
    return new Date(t);
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return undefined;
  if (!/^\d+$/.test(epoch)) throw new InputError(`SOURCE_DATE_EPOCH: "${epoch}" is not a number of seconds`);
  return new Date(Number(epoch) * 1000);
}

/**
 * A context whose clock stands still at `at`. The estate loader is rebuilt around it (the demo estate is generated
 * at the clock's time); the injected output streams and policy loader are kept.
 */
export function withFixedClock(ctx: CliContext, at: Date): CliContext {
  const now = (): Date => new Date(at.getTime());
  return { ...createCliContext({ now, stdout: ctx.stdout, stderr: ctx.stderr }), stdout: ctx.stdout, stderr: ctx.stderr, loadPolicy: ctx.loadPolicy, now };
}

/**
 * The identity `--sign-p12`/`--sign-pass-env`/`--tsa` ask for, checked at `now` (an expired or wrong-purpose
 * certificate is refused); `schedule` calls it once at start so a bad certificate fails there, not at month end.
 */
export async function signingIdentity(options: PackCommandOptions, now: Date): Promise<SigningIdentity> {
  return loadSigningIdentity({
    ...(options.signP12 ? { p12: options.signP12 } : {}),
    ...(options.signPassEnv ? { passEnv: options.signPassEnv } : {}),
    ...(options.tsa !== undefined ? { tsa: options.tsa } : {}),
    ...(options.crl?.length ? { crlFiles: options.crl } : {}),
    configDir: vaultscopeDirs().config,
    now,
  });
}

/** Loads the source, records it in the ledger (unless told not to) and builds the pack for `period`. */
export async function runPack(ctx: CliContext, options: PackCommandOptions, period: PackPeriod, out: string): Promise<PackResult & { note?: string; observed?: Posture }> {
  // `--source ledger` reads the ledger's own observations; anything else is a source to observe.
  const fromLedger = options.source === LEDGER_SOURCE;
  const sourceText = fromLedger ? LEDGER_SOURCE : describeSource(parseSourceSpec(options.source));
  const started = ctx.now();
  if (Date.parse(period.from) > started.getTime()) throw new InputError(`--period: ${period.label} has not started yet`);
  await checkOutDir(out, options.force ?? false);
  const ledgerPath = resolveLedgerPath({ ...(options.ledger ? { ledger: options.ledger } : {}), source: options.source });
  const identity = await signingIdentity(options, started);
  const policy = await ctx.loadPolicy(options.policy);
  const estate = await ctx.loadEstate(options.source, options);
  // The generation time is taken once the source is loaded, so it is never before what the pack reports on.
  const now = ctx.now();
  if (Date.parse(estate.capturedAt) > now.getTime()) {
    throw new InputError(`the source was captured at ${estate.capturedAt}, after the generation time ${now.toISOString()} (check --now or SOURCE_DATE_EPOCH)`);
  }
  const ledger = await openLedgerStore(ledgerPath);
  try {
    // An in-memory ledger (the demo) is seeded from the source's own history; a file ledger records the
    // observation too, so a pack never misses jobs the source can still see.
    let note: string | undefined;
    let posture: Posture | undefined;
    // Read from the ledger itself (`--source ledger`): nothing new to record.
    if (!fromLedger && (options.collect !== false || (ledger.inMemory && (await ledger.isEmpty())))) {
      const observed = await recordObservation(ledger, estate, policy, sourceText, now);
      posture = observed.posture;
      note = `recorded in the ledger as ${describeReceipt(observed.receipt)}`;
    }
    const result = await buildPack({
      estate,
      policy,
      sourceSpec: sourceText,
      period,
      now,
      ledger,
      ledgerStorage: ledger.inMemory ? 'memory' : 'file',
      identity,
      outDir: out,
      force: options.force ?? false,
      generator: { name: 'vaultscope-report', version: VERSION },
      ...(posture ? { posture } : {}),
    });
    return { ...result, ...(note ? { note } : {}), ...(posture ? { observed: posture } : {}) };
  } finally {
    await ledger.close();
  }
}

/** Adds the ledger, policy and signing options `pack` and `schedule` share. */
export function addPackOptions(command: Command): Command {
  return command
    .option('--ledger <path>', 'history ledger (default: $VAULTSCOPE_LEDGER, else the user data directory; demo: in memory)')
    .option('--policy <file>', 'policy YAML (default: the bundled policy)')
    .option('--sign-p12 <file>', 'sign with this PKCS#12 key and certificate (default: a self-signed certificate in the config directory)')
    .option('--sign-pass-env <var>', 'environment variable holding the PKCS#12 passphrase')
    .option('--tsa <url>', 'RFC 3161 time-stamping authority: timestamp the PDF and manifest signatures (PAdES B-T)')
    .option(
      '--crl <file>',
      'a CRL (PEM or DER) of the signer\u2019s chain, embedded in both signatures for long-term validation; repeat for each issuer (checked: from the chain, current, not revoking it)',
      (value: string, previous: string[] = []) => [...previous, value],
    );
}

/** `pack --period … --source … --out DIR`. */
export function registerPackCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    addPackOptions(
      program
        .command('pack')
        .description('write a signed DORA evidence pack (PDF, CSVs, manifest, signatures) for a period')
        .requiredOption('--period <period>', 'YYYY-MM, or FROM..TO as YYYY-MM-DD..YYYY-MM-DD (UTC, inclusive)')
        .requiredOption('--source <source>', 'demo | aws | snapshot:PATH | ledger (the latest observation of every account in the ledger)')
        .requiredOption('--out <dir>', 'pack directory to create (built beside it, then renamed into place)'),
    )
      .option('--no-collect', 'do not record this observation in the ledger first (file ledgers only)')
      .option('--force', 'replace --out if it exists and is not empty')
      .option('--now <iso>', 'generation time, e.g. 2026-11-01T06:00:00Z, for a reproducible pack (default: $SOURCE_DATE_EPOCH, else the clock)'),
  ).action(async (options: PackCommandOptions & { period: string; out: string; now?: string }) => {
    const period = parsePeriod(options.period);
    const fixed = fixedClock(options.now);
    // What an earlier pack killed outright (SIGKILL, a power cut) left beside the target goes first.
    for (const path of await removeStaleTempDirs(dirname(resolve(options.out)), ctx.now())) {
      writeLines(ctx.stderr, [`vaultscope-report: note: removed ${path}, left by a pack that was stopped while writing`]);
    }
    // Stopped by a signal while writing: the half-built pack goes with the process.
    const restore = removeTempDirsOnSignal((signal, removed) => {
      writeLines(ctx.stderr, [`vaultscope-report: ${signal}: stopped; ${removed.length ? `removed ${removed.join(', ')}` : 'nothing half-written to remove'}`]);
    });
    let result: Awaited<ReturnType<typeof runPack>>;
    try {
      result = await runPack(fixed ? withFixedClock(ctx, fixed) : ctx, options, period, options.out);
    } finally {
      restore();
    }
    const m = result.manifest;
    const incomplete = m.period.complete
      ? []
      : [`  INCOMPLETE: ${period.label} had not ended; the pack covers it only up to ${m.period.coveredUntil} (manifest: "complete": false)`];
    if (!m.period.complete) writeLines(ctx.stderr, [`vaultscope-report: note: ${period.label} has not ended; the pack covers it only up to ${m.period.coveredUntil}`]);
    const history = m.ledger.history.period === 'full' ? [] : [`  job history ${m.ledger.history.period === 'none' ? 'does not cover' : 'covers only part of'} the period (ledger history from ${m.ledger.history.from ?? '—'}): job-based DORA rows say so`];
    const lines = [
      `pack ${period.label} written to ${result.dir}`,
      ...incomplete,
      ...history,
      ...(result.note ? [`  ${result.note}`] : []),
      `  ${int(m.ledger.jobsInPeriod.backup)} backup jobs, ${int(m.ledger.jobsInPeriod.copy)} copy jobs, ${int(m.ledger.jobsInPeriod.restore)} restore jobs in the period`,
      `  ${m.files.length + 2} files: ${m.files.map((f) => f.path).join(', ')}, manifest.json, manifest.json.p7s`,
      `  signed by ${m.signer.subject}${m.signer.selfSigned ? ' (SELF-SIGNED: proves integrity, not identity)' : ''}`,
      `  signer SHA-256 ${m.signer.fingerprintSha256}`,
      ...(options.tsa ? [`  both signatures timestamped by ${options.tsa} (RFC 3161)`] : []),
      ...(options.crl?.length ? [`  revocation data embedded in both signatures: ${options.crl.length} CRL file${options.crl.length === 1 ? '' : 's'}`] : []),
      `  check it with: vaultscope-report verify ${result.dir}`,
    ];
    writeLines(ctx.stdout, lines);
  });
}
