/**
 * The way commands print lines for a person: each line through core's sanitizer, so a ledger path, a signer's
 * subject, an account name or a tampered ledger's content never reaches a terminal as control or escape bytes.
 */
import { sanitize } from '@vaultscope/core';

/** Writes `lines`, each sanitized to one line of visible text. */
export function writeLines(stream: NodeJS.WritableStream, lines: readonly string[]): void {
  stream.write(`${lines.map((line) => sanitize(line)).join('\n')}\n`);
}
