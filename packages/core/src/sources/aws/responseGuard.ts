/**
 * The response guard: a deserialize-step middleware on every client that refuses an HTML page (a proxy's,
 * a captive portal's, an emulator's) before the SDK's deserializer sees it. The XML deserialiser of S3, EC2
 * and RDS reads such a page as an empty, successful answer — assets would vanish without an error.
 */
import { Readable } from 'node:stream';
import type { DeserializeMiddleware, MiddlewareStackLike } from './middleware.js';

export const RESPONSE_GUARD_NAME = 'vaultscopeResponseGuard';

/** The endpoint answered with something that is not an AWS response (an HTML page). */
export class UnexpectedResponseError extends Error {
  override readonly name = 'UnexpectedResponseError';
  /** Where the SDK's retry strategy looks for the status (a 5xx page is retried like any 5xx). */
  readonly $metadata: { httpStatusCode: number };
  constructor(
    readonly statusCode: number,
    readonly contentType: string | undefined,
  ) {
    super(`the endpoint answered HTTP ${statusCode} with an HTML page (${contentType ?? 'no content-type'}), not an AWS response`);
    this.$metadata = { httpStatusCode: statusCode };
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
 * Every body is read once, checked, and handed on as a fresh stream, exactly as the S3 client's own
 * `throw200ExceptionsMiddleware` does (no operation Vaultscope sends streams its output). The body decides,
 * not the header alone: moto sends valid JSON labelled `text/html`. Refused: a body that starts like an HTML
 * document, or a `text/html` body that is neither JSON nor an XML document.
 */
export const responseGuard: DeserializeMiddleware = (next) => async (args) => {
  const result = await next(args);
  const response = result.response;
  if (!isHttpResponse(response)) return result;
  const contentType = headerOf(response.headers, 'content-type');
  const bytes = await collect(response.body);
  if (looksLikeHtml(bytes) || (isHtmlType(contentType) && !isDataDocument(bytes))) {
    throw new UnexpectedResponseError(response.statusCode, contentType);
  }
  response.body = Readable.from(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return result;
};

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
