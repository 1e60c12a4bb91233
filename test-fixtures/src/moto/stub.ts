/**
 * A stub HTTP endpoint on a free loopback port that answers every request itself (an HTML error page, a
 * captive portal, a misconfigured proxy): point `AWS_ENDPOINT_URL_<SERVICE>` at it to see how the collection
 * reacts to answers that are not AWS responses.
 */
import { createServer } from 'node:http';
import { listenOnLoopback } from './loopback.js';

/** What the stub sends back. */
export interface StubAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface StubServer {
  endpoint: string;
  /** `METHOD path` of every request received. */
  requests: string[];
  stop(): Promise<void>;
}

/** A typical HTML error page (what proxies, portals and emulators send). */
export function htmlPage(status: number, title = 'Error'): StubAnswer {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: `<!DOCTYPE html>\n<html lang="en"><head><title>${title}</title></head><body><h1>${title}</h1></body></html>\n`,
  };
}

/** Starts the stub; `answer` decides per request (method and path). */
export async function startStub(answer: (method: string, path: string) => StubAnswer): Promise<StubServer> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      requests.push(`${method} ${path}`);
      const { status, headers = {}, body } = answer(method, path);
      res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
    });
  });
  return { ...(await listenOnLoopback(server)), requests };
}
