/**
 * The response guard: a deserialize-step middleware on every client that refuses an HTML page (a proxy's,
 * a captive portal's, an emulator's) before the SDK's deserializer sees it. The XML deserialiser of S3, EC2
 * and RDS reads such a page as an empty, successful answer — assets would vanish without an error.
 */
import type { DeserializeMiddleware, MiddlewareStackLike } from './middleware.js';

export const RESPONSE_GUARD_NAME = 'vaultscopeResponseGuard';

/** What was wrong with an answer that is not an AWS response. */
export type UnexpectedBody = 'html' | 'empty' | 'truncated';

const DESCRIBE: Record<UnexpectedBody, string> = { html: 'an HTML page', empty: 'an empty body', truncated: 'a truncated body' };

/** The endpoint answered with something that is not an AWS response (an HTML page, nothing, half a document). */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
  /** Where the SDK's retry strategy looks for the status (a 5xx page is retried like any 5xx). */
  readonly $metadata: { httpStatusCode: number };
  /**
   * A 2xx that is not an answer comes from something between us and AWS (a proxy, a portal, a dropped connection):
   * the SDK retries it as it retries throttling (adaptive back-off), and only then is it recorded.
   */
  readonly $retryable?: { throttling: boolean };
  constructor(
    readonly statusCode: number,
    readonly contentType: string | undefined,
    readonly body: UnexpectedBody = 'html',
  ) {
    super(`the endpoint answered HTTP ${statusCode} with ${DESCRIBE[body]} (${contentType ?? 'no content-type'}), not an AWS response`);
    this.$metadata = { httpStatusCode: statusCode };
    if (statusCode >= 200 && statusCode < 300) this.$retryable = { throttling: true };
  }

  /** `(an HTML page)`, as error messages name it. */
  get what(): string {
    return DESCRIBE[this.body];
  }
}

interface HttpResponseLike {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

function isHttpResponse(value: unknown): value is HttpResponseLike {
  const r = value as HttpResponseLike | null;
  return !!r && typeof r === 'object' && typeof r.statusCode === 'number' && typeof r.headers === 'object';
}

function headerOf(headers: HttpResponseLike['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/** Whether a body starts (after whitespace and a BOM) with `<!DOCTYPE` or `<html`. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart().slice(0, 14).toLowerCase();
  return head.startsWith('<!doctype') || head.startsWith('<html');
}

async function collect(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array();
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Every body is read once, checked, and handed on as the bytes read (no operation Vaultscope sends streams its
 * output): the SDK's body collector takes a `Uint8Array` as it is, where a fresh stream (as the S3 client's own
 * `throw200ExceptionsMiddleware` makes) would be piped and collected a second time on every call. The body decides,
 * not the header alone: moto sends valid JSON labelled `text/html`. Refused: a body that starts like an HTML
 * document, or a `text/html` body that is neither JSON nor an XML document.
 */
export const responseGuard: DeserializeMiddleware = (next, context) => async (args) => {
  const result = await next(args);
  const response = result.response;
  if (!isHttpResponse(response)) return result;
  const contentType = headerOf(response.headers, 'content-type');
  const bytes = await collect(response.body);
  if (looksLikeHtml(bytes) || (isHtmlType(contentType) && !isDataDocument(bytes))) {
    throw new UnexpectedResponseError(response.statusCode, contentType);
  }
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  // Every List/Describe/Get answer (and AssumeRole's) of the services we read carries a document, if only `{}`:
  // an empty body read as "nothing there" would make a whole section vanish without an error.
  if (ok && isEmpty(bytes) && /^(List|Describe|Get|AssumeRole)/.test(String(context.commandName ?? '').replace(/Command$/, ''))) {
    throw new UnexpectedResponseError(response.statusCode, contentType, 'empty');
  }
  if (ok && isTruncated(bytes)) throw new UnexpectedResponseError(response.statusCode, contentType, 'truncated');
  response.body = bytes;
  return result;
};

function isEmpty(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 64)).toString('utf8').trim() === '' && bytes.length < 64;
}

/**
 * A document that does not end as it began — JSON not closed by `}` or `]`, XML not closed by a tag: half an answer
 * (a proxy that dropped the rest but kept a matching length). Only the two ends are read: pages of a thousand jobs
 * are not parsed twice.
 */
function isTruncated(bytes: Uint8Array): boolean {
  let start = 0;
  let end = bytes.length - 1;
  while (start <= end && isSpace(bytes[start]!)) start++;
  while (end >= start && isSpace(bytes[end]!)) end--;
  if (start > end) return false;
  const first = bytes[start]!;
  const last = bytes[end]!;
  if (first === 0x7b /* { */ || first === 0x5b /* [ */) return last !== 0x7d && last !== 0x5d;
  return first === 0x3c /* < */ && last !== 0x3e /* > */;
}

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

function isHtmlType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').toLowerCase();
  return type.includes('text/html') || type.includes('application/xhtml');
}

/** Empty, JSON, or an XML document with its declaration. */
function isDataDocument(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 64)).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head === '' || head.startsWith('{') || head.startsWith('[') || head.startsWith('<?xml');
}

/** Adds the guard just inside the SDK's deserializer, so it sees the raw HTTP response first. */
export function addResponseGuard(stack: MiddlewareStackLike): void {
  stack.addRelativeTo(responseGuard, { relation: 'after', toMiddleware: 'deserializerMiddleware', name: RESPONSE_GUARD_NAME, override: true });
}
