/**
 * A recording HTTP proxy in front of moto: it sees every request the SDK really sends on the wire (to prove a
 * run only reads, or to count one operation's calls and whose credentials made them), can add a fixed delay per
 * request (to model the network round trip to AWS, which moto on loopback does not have), and can answer some
 * requests itself (an API moto lacks, a refusal).
 */
import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import { listenOnLoopback } from './loopback.js';

/** One request as sent by the client. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Service from the SigV4 credential scope (`backup`, `s3`, `sts`, …). */
  service?: string;
  region?: string;
  /** JSON protocols: `X-Amz-Target` (e.g. `DynamoDB_20120810.ListTables`). */
  target?: string;
  /** Query protocols (STS, EC2, RDS): the `Action` parameter. */
  action?: string;
  /** The access key that signed the request (SigV4): whose credentials, hence which account, made the call. */
  accessKeyId?: string;
}

/** An answer the proxy gives itself instead of forwarding (an API the emulator behind it lacks, or a refusal). */
export interface ProxyAnswer {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface RecordingProxy {
  endpoint: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

export interface ProxyOptions {
  /** Delay added before forwarding each request; default 0. */
  latencyMs?: number;
  /**
   * Rewrites an upstream answer's body (e.g. to shorten an AssumeRole session); `undefined` = pass through.
   * Only a proxy given this buffers answers.
   */
  rewrite?: (request: RecordedRequest, body: string, status: number) => string | undefined;
  /** Answers a request without forwarding it; `undefined` = forward. Sees the request body (query protocols). */
  answer?: (request: RecordedRequest, body: string) => ProxyAnswer | undefined;
  /** Connections to the target at once (default 64); requests beyond wait for one, adding to their delay. */
  upstreamSockets?: number;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Access key, service and Region from `Credential=AKID/20260101/eu-west-1/backup/aws4_request`. */
function scopeOf(authorization: string | undefined): { accessKeyId?: string; service?: string; region?: string } {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return match ? { accessKeyId: match[1] as string, region: match[2] as string, service: match[3] as string } : {};
}

function actionOf(path: string, body: string, contentType: string | undefined): string | undefined {
  const query = new URL(path, 'http://x').searchParams.get('Action');
  if (query) return query;
  if (contentType?.includes('application/x-www-form-urlencoded')) return new URLSearchParams(body).get('Action') ?? undefined;
  return undefined;
}

export async function startRecordingProxy(targetEndpoint: string, options: ProxyOptions = {}): Promise<RecordingProxy> {
  const target = new URL(targetEndpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: options.upstreamSockets ?? 64 });
  const requests: RecordedRequest[] = [];
  const latency = options.latencyMs ?? 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      const target_ = header(req.headers, 'x-amz-target');
      const action = actionOf(path, body.toString('utf8'), header(req.headers, 'content-type'));
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path,
        ...scopeOf(header(req.headers, 'authorization')),
        ...(target_ ? { target: target_ } : {}),
        ...(action ? { action } : {}),
      };
      requests.push(recorded);
      const rewrite = options.rewrite;
      const forward = () => {
        const own = options.answer?.(recorded, body.toString('utf8'));
        if (own) {
          res.writeHead(own.status, { ...own.headers, 'content-length': String(Buffer.byteLength(own.body)) });
          res.end(own.body);
          return;
        }
        const upstream = request(
          { host: target.hostname, port: target.port, method: req.method, path, headers: req.headers, agent },
          (response) => {
            const status = response.statusCode ?? 502;
            if (!rewrite) {
              res.writeHead(status, response.headers);
              response.pipe(res);
              return;
            }
            const parts: Buffer[] = [];
            response.on('data', (c: Buffer) => parts.push(c));
            response.on('end', () => {
              const original = Buffer.concat(parts);
              const changed = rewrite(recorded, original.toString('utf8'), status);
              const out = changed === undefined ? original : Buffer.from(changed, 'utf8');
              const headers = { ...response.headers, 'content-length': String(out.length) };
              delete headers['transfer-encoding'];
              res.writeHead(status, headers);
              res.end(out);
            });
          },
        );
        upstream.on('error', (error) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(String(error));
        });
        upstream.end(body);
      };
      if (latency > 0) setTimeout(forward, latency);
      else forward();
    });
  });
  server.keepAliveTimeout = 30_000;
  return { ...(await listenOnLoopback(server, () => agent.destroy())), requests };
}

/** The operation a recorded request performs, where the protocol names it (JSON target or query Action). */
export function operationOf(r: RecordedRequest): string | undefined {
  if (r.target) return r.target.split('.').pop();
  return r.action;
}
