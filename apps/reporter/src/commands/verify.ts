/**
 * `verify DIR`: checks a pack offline — every file's hash, the manifest's CMS signature and the PDF signature.
 */
import { stat } from 'node:fs/promises';
import { InputError } from '@vaultscope/core';
import type { Command } from 'commander';
import type { CliContext } from '../cli/context.js';
import { writeLines } from '../cli/output.js';
import { VerificationFailedError } from '../evidence/errors.js';
import { formatLine, verifyPack } from '../evidence/verifyPack.js';

/** `verify DIR`. */
export function registerVerifyCommand(program: Command, ctx: CliContext): void {
  program
    .command('verify')
    .description('verify a pack: one line per file (OK, MISMATCH, MISSING, EXTRA, UNCHECKED); exit 1 on any problem')
    .argument('<dir>', 'pack directory')
    .action(async (dir: string) => {
      const info = await stat(dir).catch(() => undefined);
      if (!info?.isDirectory()) throw new InputError(`${dir}: not a directory`);
      const result = await verifyPack(dir);
      // File names of EXTRA files are whatever is in the directory: print them terminal-safe.
      for (const line of result.lines) writeLines(ctx.stdout, [formatLine(line)]);
      const problems = result.lines.filter((l) => l.status !== 'OK').length;
      if (problems > 0) throw new VerificationFailedError(`${dir}: pack does NOT verify (${problems} problem${problems === 1 ? '' : 's'})`);
      const signer = result.signer;
      writeLines(ctx.stdout, [
        `pack verified: ${result.lines.length} files; signed by ${signer?.subject ?? 'unknown'}${signer?.selfSigned ? ' (self-signed)' : ''}, SHA-256 ${signer?.fingerprint ?? '?'}`,
      ]);
    });
}
