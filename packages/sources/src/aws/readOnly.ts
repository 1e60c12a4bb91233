/**
 * The read-only guard: every client the AWS source creates carries this middleware, so no code path — however
 * buggy — can send an operation that changes a customer's account.
 */
import type { Middleware, MiddlewareStackLike } from './middleware.js';

/** Operation-name prefixes that only read. */
const READ_PREFIXES = ['List', 'Get', 'Describe', 'Search', 'Select', 'BatchGet'] as const;
/** Non-read-looking operations that are still needed and change nothing in the account. */
const ALLOWED_OPERATIONS = new Set(['AssumeRole', 'GetCallerIdentity']);

/** Refused before any request was built or sent: a bug in Vaultscope, never a fault in the customer's account. */
export class ReadOnlyViolationError extends Error {
  override readonly name = 'ReadOnlyViolationError';
  constructor(
    readonly clientName: string,
    readonly operation: string,
  ) {
    super(`refused to send ${clientName} ${operation}: Vaultscope only sends read operations to AWS`);
  }
}

/** `ListBackupJobsCommand` → `ListBackupJobs`. */
export function toOperationName(commandName: string): string {
  return commandName.endsWith('Command') ? commandName.slice(0, -'Command'.length) : commandName;
}

/** Whether an operation (or command) name is a read the guard lets through. */
export function isReadOperation(name: string): boolean {
  const operation = toOperationName(name);
  if (ALLOWED_OPERATIONS.has(operation)) return true;
  // The character after the verb must start a new word: `Getaway` is not `Get`.
  return READ_PREFIXES.some((prefix) => operation.startsWith(prefix) && /^[A-Z]/.test(operation.slice(prefix.length)));
}

export const READ_ONLY_GUARD_NAME = 'vaultscopeReadOnlyGuard';

/** The middleware itself: the first thing to run in `send`, before serialisation and signing. */
export const readOnlyGuard: Middleware = (next, context) => async (args) => {
  const commandName = String(context.commandName ?? '');
  if (!isReadOperation(commandName)) {
    throw new ReadOnlyViolationError(String(context.clientName ?? 'AWS'), toOperationName(commandName));
  }
  return next(args);
};

/** Adds the guard to a client's middleware stack (step `initialize`, highest priority). */
export function addReadOnlyGuard(stack: MiddlewareStackLike): void {
  stack.add(readOnlyGuard, { step: 'initialize', priority: 'high', name: READ_ONLY_GUARD_NAME, override: true });
}
