/**
 * A loopback HTTP server that answers the collector's read calls for a SyntheticOrg of any size (moto cannot hold
 * thousands of accounts). Point the SDK at it with `AWS_ENDPOINT_URL`: the service and Region come from the SigV4
 * credential scope, the account from the access key (the caller's own = the management account; AssumeRole hands
 * out keys that name the member account). It counts every call by operation and by account × Region.
 *
 * `latencyMs` holds every answer back that long after the request arrived, standing in for the round trip to AWS as
 * the latency proxy in front of moto does (organization.bench.ts), without a second HTTP hop on the benchmark's cores:
 * AWS does not run on the collector's machine, and a proxy in the same process as the server doubled the harness's
 * sockets, parsing and writes per call.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../moto/loopback.js';
import { SyntheticOrg, accountOfAccessKey, type SyntheticOrgOptions } from './syntheticOrg.js';
import { SERVICES, type AwsRequest } from './syntheticServices.js';
import { awsError, type Reply } from './wire.js';

export interface CallCounts {
  total: number;
  /** `service:Operation` → calls. */
  byOperation: Map<string, number>;
  /** `accountId/region` (the signing account and Region) → calls. */
  byAccountRegion: Map<string, number>;
  /** Calls the server does not implement (`service:…`): a benchmark with any is not measuring the collector. */
  unhandled: Map<string, number>;
}

/** The organization, and how the server answers. */
export interface SyntheticAwsOptions extends SyntheticOrgOptions {
  /** Delay before each request is answered (the network round trip the server stands in for); default 0. */
  latencyMs?: number;
}

export interface SyntheticAwsServer {
  endpoint: string;
  org: SyntheticOrg;
  calls: CallCounts;
  /** Zeroes the counts (between two measured runs). */
  resetCounts(): void;
  stop(): Promise<void>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** `Credential=AKID/20260101/eu-west-1/backup/aws4_request` → its parts. */
function credentialScope(authorization: string | undefined): { accessKeyId: string; region: string; service: string } | undefined {
  const m = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return m ? { accessKeyId: m[1] as string, region: m[2] as string, service: m[3] as string } : undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the server on a free loopback port for an organization built from `options`. */
export async function startSyntheticAws(options: SyntheticAwsOptions): Promise<SyntheticAwsServer> {
  const org = new SyntheticOrg(options);
  const calls: CallCounts = { total: 0, byOperation: new Map(), byAccountRegion: new Map(), unhandled: new Map() };
  const latency = options.latencyMs ?? 0;

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (latency > 0) setTimeout(() => answer(req, body, res), latency);
      else answer(req, body, res);
    });
  });

  function answer(req: IncomingMessage, body: string, res: ServerResponse): void {
    const scope = credentialScope(req.headers.authorization);
    const entry = scope ? SERVICES[scope.service] : undefined;
    let reply: Reply;
    if (!scope || !entry) {
      bump(calls.unhandled, scope?.service ?? 'unsigned');
      reply = awsError('json1.1', 'UnrecognizedClientException', `no synthetic service for ${scope?.service ?? 'an unsigned request'}`);
    } else {
      const target = req.headers['x-amz-target'];
      const request: AwsRequest = {
        method: req.method ?? 'GET',
        url: new URL(req.url ?? '/', 'http://synthetic'),
        body,
        ...(typeof target === 'string' ? { target: target.split('.').pop() as string } : {}),
        accountId: accountOfAccessKey(scope.accessKeyId) ?? org.management.id,
        region: scope.region,
      };
      const handled = entry.handler(org, request);
      calls.total += 1;
      bump(calls.byOperation, `${scope.service}:${handled.operation}`);
      bump(calls.byAccountRegion, `${request.accountId}/${request.region}`);
      if (handled.operation.startsWith('unhandled:')) bump(calls.unhandled, `${scope.service}:${handled.operation.slice(10)}`);
      reply = handled.reply;
    }
    res.writeHead(reply.status, {
      'content-type': reply.contentType,
      'content-length': Buffer.byteLength(reply.body),
      'x-amzn-requestid': '00000000-0000-4000-8000-000000000000',
      ...reply.headers,
    });
    res.end(reply.body);
  }
  server.keepAliveTimeout = 30_000;
  const listening = await listenOnLoopback(server);
  return {
    ...listening,
    org,
    calls,
    resetCounts() {
      calls.total = 0;
      calls.byOperation.clear();
      calls.byAccountRegion.clear();
      calls.unhandled.clear();
    },
  };
}
