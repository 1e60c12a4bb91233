/**
 * Faults are data: every error the SDK throws while observing becomes a `CollectionError` entry. Only an
 * unusable invocation (no credentials at all, a bad profile, bad options) is an exception: `AwsSetupError`.
 */
import type { CollectionError } from '@vaultscope/core';
import { ReadOnlyViolationError } from './readOnly.js';
import { UnexpectedResponseError } from './responseGuard.js';

/** The invocation cannot work at all: the caller prints the message as one line and exits 2. */
export class AwsSetupError extends Error {
  override readonly name = 'AwsSetupError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Where a fault happened. */
export interface FaultSite {
  service: string;
  operation: string;
  resource?: string;
  accountId?: string;
  region?: string;
}

interface SdkErrorLike {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
}

/** The HTTP status of a failed call, when the SDK saw a response. */
export function httpStatusOf(error: unknown): number | undefined {
  const e = error as SdkErrorLike | null;
  return e?.$metadata?.httpStatusCode ?? e?.$response?.statusCode;
}

/**
 * The error code to record: AWS's own error name (`AccessDeniedException`, `ThrottlingException`, …) when the
 * service answered in its protocol; `NotImplemented` / `UnexpectedResponse` when the endpoint answered with
 * something that is not an AWS response (an emulator's or a proxy's HTML page); the Node error code for
 * network failures.
 */
export function errorCodeOf(error: unknown): string {
  if (error instanceof ReadOnlyViolationError) return 'ReadOnlyViolation';
  const e = (error ?? {}) as SdkErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  if (error instanceof UnexpectedResponseError || isUnparseableResponse(error)) {
    const status = httpStatusOf(error);
    return status === 404 || status === 405 || status === 501 ? 'NotImplemented' : 'UnexpectedResponse';
  }
  // An XML error body without a code (a proxy's plain-text or odd XML error page): the SDK says `Unknown`.
  if (isCodelessHttpError(error)) return 'UnexpectedResponse';
  if (name && name !== 'Error' && name !== 'TypeError') return name;
  if (typeof e.Code === 'string' && e.Code) return e.Code;
  if (typeof e.code === 'string' && e.code) return e.code;
  return name || 'UnknownError';
}

/** The SDK could not parse the body: it throws a `SyntaxError` from the JSON/XML deserialiser. */
function isUnparseableResponse(error: unknown): boolean {
  const e = error as SdkErrorLike | null;
  if (!e || typeof e !== 'object') return false;
  const message = typeof e.message === 'string' ? e.message : '';
  return e.name === 'SyntaxError' || message.includes('Deserialization error');
}

/** The SDK's `Unknown` (or `UnknownError`) error for an HTTP error status whose body named no error code. */
function isCodelessHttpError(error: unknown): boolean {
  const e = error as SdkErrorLike | null;
  if (!e || typeof e !== 'object') return false;
  const status = httpStatusOf(error);
  const code = typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.Code === 'string' ? e.Code : '';
  return (code === 'Unknown' || code === 'UnknownError') && status !== undefined && status >= 400;
}

/** A one-line message (the SDK's deserialisation errors run over several lines). */
export function errorMessageOf(error: unknown): string {
  const code = errorCodeOf(error);
  const status = httpStatusOf(error);
  if (code === 'NotImplemented') {
    return `the endpoint answered HTTP ${status ?? '?'} with a body that is not an AWS response: the API is not implemented there`;
  }
  if (code === 'UnexpectedResponse') {
    if (isCodelessHttpError(error)) return `the endpoint answered HTTP ${status ?? '?'} with an error that names no AWS error code`;
    const html = error instanceof UnexpectedResponseError ? ` (${error.what})` : '';
    return `the endpoint answered HTTP ${status ?? '?'} with a body that is not an AWS response${html}`;
  }
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const line = (raw.split('\n')[0] ?? '').trim();
  const text = line || `HTTP ${status ?? '?'} without a message`;
  return text.length > 400 ? `${text.slice(0, 397)}...` : text;
}

/** A collection-error entry for `error` met at `site`. */
export function toCollectionError(error: unknown, site: FaultSite): CollectionError {
  const entry: CollectionError = {
    service: site.service,
    operation: site.operation,
    code: errorCodeOf(error),
    message: errorMessageOf(error),
  };
  if (site.resource !== undefined) entry.resource = site.resource;
  if (site.accountId !== undefined) entry.accountId = site.accountId;
  if (site.region !== undefined) entry.region = site.region;
  return entry;
}

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
]);

export function isAccessDenied(code: string): boolean {
  return ACCESS_DENIED.has(code);
}

/** The endpoint does not offer the API (emulators, Regions where a service does not exist). */
export function isUnavailable(code: string): boolean {
  return code === 'NotImplemented' || code === 'UnexpectedResponse' || code === 'ENOTFOUND' || code === 'UnknownEndpoint';
}

const sortKey = (e: CollectionError): string =>
  [e.accountId ?? '', e.region ?? '', e.service, e.operation, e.resource ?? '', e.code, e.message].join('\u0000');

/**
 * Collects the errors of one scope (a Region observation or the estate). Repeats of the same
 * (service, operation, code) are folded into the first entry, so a section that fails for every resource is
 * recorded once, with a count, instead of once per resource.
 */
export class ErrorSink {
  private readonly entries: CollectionError[] = [];
  private readonly byKey = new Map<string, { entry: CollectionError; repeats: number; message: string }>();

  constructor(
    private readonly defaults: { accountId?: string; region?: string } = {},
    private readonly onRecord?: () => void,
  ) {}

  /** Records `error` met at `site` (account and Region default to the sink's). */
  record(error: unknown, site: FaultSite): void {
    this.add(toCollectionError(error, { ...this.defaults, ...site }));
  }

  /** Records a ready-made entry. */
  add(entry: CollectionError): void {
    const key = `${entry.service}|${entry.operation}|${entry.code}|${entry.accountId ?? ''}|${entry.region ?? ''}`;
    const seen = this.byKey.get(key);
    if (seen) {
      seen.repeats += 1;
      seen.entry.message = `${seen.message} (and ${seen.repeats} more resource${seen.repeats === 1 ? '' : 's'} with the same error)`;
      // Evaluation needs every resource whose attribute went unread, not just the first.
      // Appended in place: a section refused for thousands of resources must not copy the list each time.
      if (entry.resource) (seen.entry.resources ??= seen.entry.resource ? [seen.entry.resource] : []).push(entry.resource);
      return;
    }
    const copy = { ...entry };
    this.entries.push(copy);
    this.byKey.set(key, { entry: copy, repeats: 0, message: copy.message });
    this.onRecord?.();
  }

  /**
   * Runs one observation; on failure records it and returns `undefined` (absent = not observed).
   * `expected` maps error codes that are normal answers (e.g. `NoSuchTagSet`) to the value they mean.
   */
  async attempt<T>(site: FaultSite, task: () => Promise<T>, expected?: Record<string, () => T>): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      const code = errorCodeOf(error);
      const fallback = expected?.[code];
      if (fallback) return fallback();
      this.record(error, site);
      return undefined;
    }
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * The entries recorded so far, in a stable order (account, Region, service, operation, resource, code):
   * concurrent calls finish in any order, and two collections of the same estate should read the same.
   */
  list(): CollectionError[] {
    return this.entries
      .map((entry) => ({ entry: { ...entry, ...(entry.resources ? { resources: [...entry.resources] } : {}) }, key: sortKey(entry) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ entry }) => entry);
  }
}
