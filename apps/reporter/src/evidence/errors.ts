/**
 * A check that ran and found a problem (a pack that does not verify, a ledger whose chain is broken). Not a usage
 * error: the CLI prints the message on one line and exits 1 (or the status given, e.g. 3 for `verify`'s
 * integrity-only verdict), after whatever per-item lines the command printed.
 */
export class VerificationFailedError extends Error {
  override readonly name = 'VerificationFailedError';
  readonly exitCode: number;
  constructor(message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options);
    this.exitCode = options?.exitCode ?? 1;
  }
}
