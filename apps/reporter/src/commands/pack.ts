/**
 * `pack`: a signed DORA evidence pack for a period, from the history ledger and the source's current posture.
 */
import { InputError, describeSource, parseSourceSpec } from '@vaultscope/core';
import { MEMORY_LEDGER, openLedger, resolveLedgerPath, vaultscopeDirs } from '@vaultscope/core/history';
import type { Command } from 'commander';
import { addAwsOptions, type AwsCliOptions } from '../cli/awsOptions.js';
import type { CliContext } from '../cli/context.js';
import { loadSigningIdentity } from '../evidence/identity.js';
import { buildPack, checkOutDir, type PackResult } from '../pack/buildPack.js';
import { describeReceipt, recordObservation } from '../pack/observe.js';
import { isOpenPeriod, parsePeriod, type PackPeriod } from '../pack/period.js';
import { int } from '../pack/text.js';
import { VERSION } from '../version.js';

/** Options shared by `pack` and `schedule`. */
export interface PackCommandOptions extends AwsCliOptions {
  source: string;
  ledger?: string;
  policy?: string;
  signP12?: string;
  signPassEnv?: string;
  collect?: boolean;
  force?: boolean;
}

/** Loads the source, records it in the ledger (unless told not to) and builds the pack for `period`. */
export async function runPack(ctx: CliContext, options: PackCommandOptions, period: PackPeriod, out: string): Promise<PackResult & { note?: string }> {
  const spec = parseSourceSpec(options.source);
  const now = ctx.now();
  if (Date.parse(period.from) > now.getTime()) throw new InputError(`--period: ${period.label} has not started yet`);
  await checkOutDir(out, options.force ?? false);
  const ledgerPath = resolveLedgerPath({ ...(options.ledger ? { ledger: options.ledger } : {}), source: options.source });
  const identity = await loadSigningIdentity({
    ...(options.signP12 ? { p12: options.signP12 } : {}),
    ...(options.signPassEnv ? { passEnv: options.signPassEnv } : {}),
    configDir: vaultscopeDirs().config,
    now,
  });
  const policy = await ctx.loadPolicy(options.policy);
  const estate = await ctx.loadEstate(options.source, options);
  const ledger = openLedger(ledgerPath);
  try {
    // An in-memory ledger (the demo) is seeded from the source's own history; a file ledger records the
    // observation too, so a pack never misses jobs the source can still see.
    let note: string | undefined;
    let posture;
    if (options.collect !== false || (ledgerPath === MEMORY_LEDGER && ledger.isEmpty())) {
      const observed = recordObservation(ledger, estate, policy, describeSource(spec), now);
      posture = observed.posture;
      note = `recorded in the ledger as ${describeReceipt(observed.receipt)}`;
    }
    const result = await buildPack({
      estate,
      policy,
      sourceSpec: describeSource(spec),
      period,
      now,
      ledger,
      ledgerStorage: ledgerPath === MEMORY_LEDGER ? 'memory' : 'file',
      identity,
      outDir: out,
      force: options.force ?? false,
      generator: { name: 'vaultscope-report', version: VERSION },
      ...(posture ? { posture } : {}),
    });
    return { ...result, ...(note ? { note } : {}) };
  } finally {
    ledger.close();
  }
}

/** Adds the ledger, policy and signing options `pack` and `schedule` share. */
export function addPackOptions(command: Command): Command {
  return command
    .option('--ledger <path>', 'history ledger (default: $VAULTSCOPE_LEDGER, else the user data directory; demo: in memory)')
    .option('--policy <file>', 'policy YAML (default: the bundled policy)')
    .option('--sign-p12 <file>', 'sign with this PKCS#12 key and certificate (default: a self-signed certificate in the config directory)')
    .option('--sign-pass-env <var>', 'environment variable holding the PKCS#12 passphrase');
}

/** `pack --period … --source … --out DIR`. */
export function registerPackCommand(program: Command, ctx: CliContext): void {
  addAwsOptions(
    addPackOptions(
      program
        .command('pack')
        .description('write a signed DORA evidence pack (PDF, CSVs, manifest, signatures) for a period')
        .requiredOption('--period <period>', 'YYYY-MM, or FROM..TO as YYYY-MM-DD..YYYY-MM-DD (UTC, inclusive)')
        .requiredOption('--source <source>', 'demo | aws | snapshot:PATH')
        .requiredOption('--out <dir>', 'pack directory to create (built beside it, then renamed into place)'),
    )
      .option('--no-collect', 'do not record this observation in the ledger first (file ledgers only)')
      .option('--force', 'replace --out if it exists and is not empty'),
  ).action(async (options: PackCommandOptions & { period: string; out: string }) => {
    const period = parsePeriod(options.period);
    const result = await runPack(ctx, options, period, options.out);
    const m = result.manifest;
    if (isOpenPeriod(period, ctx.now())) {
      ctx.stderr.write(`vaultscope-report: note: ${period.label} has not ended; the pack covers it up to ${m.generatedAt}\n`);
    }
    const lines = [
      `pack ${period.label} written to ${result.dir}`,
      ...(result.note ? [`  ${result.note}`] : []),
      `  ${int(m.ledger.jobsInPeriod.backup)} backup jobs, ${int(m.ledger.jobsInPeriod.copy)} copy jobs, ${int(m.ledger.jobsInPeriod.restore)} restore jobs in the period`,
      `  ${m.files.length + 2} files: ${m.files.map((f) => f.path).join(', ')}, manifest.json, manifest.json.p7s`,
      `  signed by ${m.signer.subject}${m.signer.selfSigned ? ' (SELF-SIGNED: proves integrity, not identity)' : ''}`,
      `  signer SHA-256 ${m.signer.fingerprintSha256}`,
      `  check it with: vaultscope-report verify ${result.dir}`,
    ];
    ctx.stdout.write(`${lines.join('\n')}\n`);
  });
}
