/**
 * The one place that creates AWS clients. Every client gets the read-only guard, the response guard, the call
 * governor, adaptive retry and the caller's credentials or an account's assumed-role credentials. Endpoints
 * come from the SDK's own configuration, so `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`) work without
 * code here.
 *
 * A client exists per service × account × Region (credentials and Region are per client in SDK v3), so an
 * organization of thousands of accounts needs tens of thousands of them. Two things keep that affordable: every
 * client sends through one shared connection pool (one keep-alive agent per protocol: sockets, and in AWS TLS
 * sessions, to a regional endpoint serve every account), and an account's clients are dropped once the account is
 * observed (`release`), so memory follows the accounts in flight, not the organization's size. What each new client
 * would work out again for itself (settings from the environment and config files, a signer per request, signing
 * keys) is worked out once (clientSettings.ts), and the SDK's logger middleware — it copied every answer for a
 * logger that logs nothing — is left out.
 */
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { resolveSettings, reuseSigner, type ResolvedSettings } from './clientSettings.js';
import type { CallGovernor, ClientLane } from './governor.js';
import type { MiddlewareStackLike } from './middleware.js';
import { addReadOnlyGuard } from './readOnly.js';
import { addResponseGuard } from './responseGuard.js';

/** AWS credentials as the SDK takes them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialsProvider = () => Promise<Credentials>;

/** The configuration every client gets. */
export interface BaseClientConfig {
  region?: string;
  maxAttempts?: number;
  retryMode?: string;
  credentials?: CredentialsProvider;
  profile?: string;
  requestHandler?: Record<string, unknown>;
}

/** Any SDK v3 client class. */
export type ClientClass<C> = new (config: BaseClientConfig) => C & { middlewareStack: unknown; destroy(): void };

export interface ClientFactoryOptions {
  /** Shared-config profile for the caller's own credentials (`--profile`). */
  profile?: string;
  /** SDK attempts per call (adaptive retry); default 5. */
  maxAttempts?: number;
  governor: CallGovernor;
  /** Test seam: an SDK request handler used by every client. */
  requestHandler?: Record<string, unknown>;
  /** HTTP timeouts of every call, in milliseconds (defaults: {@link DEFAULT_HTTP_TIMEOUTS}). */
  httpTimeouts?: HttpTimeouts;
  /** Sockets per endpoint (host:port) in the shared pool; default 50, the SDK's own per-client default. */
  maxSockets?: number;
}

/** Connection, whole-request and idle-socket timeouts, in milliseconds. */
export interface HttpTimeouts {
  connectionMs?: number;
  requestMs?: number;
  socketMs?: number;
}

/**
 * Every call ends: 10 s to connect, 60 s for the whole request and answer, 60 s of silence on the socket. The SDK
 * only warns when a request outlives `requestTimeout` unless `throwOnRequestTimeout` is set (@smithy/node-http-handler
 * 4.x), so it is set: an endpoint that accepts and never answers is a TimeoutError, retried like any other transient
 * fault and then recorded.
 */
export const DEFAULT_HTTP_TIMEOUTS: Required<HttpTimeouts> = { connectionMs: 10_000, requestMs: 60_000, socketMs: 60_000 };

/** The NodeHttpHandler options for `timeouts`. */
export function httpHandlerOptions(timeouts: HttpTimeouts = {}): Record<string, unknown> {
  const t = { ...DEFAULT_HTTP_TIMEOUTS, ...timeouts };
  return { connectionTimeout: t.connectionMs, requestTimeout: t.requestMs, socketTimeout: t.socketMs, throwOnRequestTimeout: true };
}

/** Which account and Region a client talks to; no credentials = the caller's own. */
export interface ClientTarget {
  accountId: string;
  region: string;
  credentials?: CredentialsProvider;
}

/** The handler every client is given: the shared pool's, except that a client's `destroy()` leaves the pool open. */
function borrowed(pool: NodeHttpHandler): Record<string, unknown> {
  return {
    metadata: pool.metadata,
    handle: (...args: Parameters<NodeHttpHandler['handle']>) => pool.handle(...args),
    updateHttpClientConfig: (...args: Parameters<NodeHttpHandler['updateHttpClientConfig']>) => pool.updateHttpClientConfig(...args),
    httpHandlerConfigs: () => pool.httpHandlerConfigs(),
    destroy: () => undefined,
  };
}

export class ClientFactory {
  private readonly cache = new Map<string, unknown>();
  private callerSource: { config: { credentials: CredentialsProvider }; destroy(): void } | undefined;
  private readonly pool: NodeHttpHandler | undefined;
  private readonly handler: Record<string, unknown>;
  /** Per client class: the settings its first client looked up, given to every later one (see clientSettings.ts). */
  private readonly settings = new Map<unknown, ResolvedSettings | 'resolving'>();

  constructor(private readonly options: ClientFactoryOptions) {
    if (options.requestHandler) {
      this.handler = options.requestHandler;
    } else {
      const agent = { keepAlive: true, maxSockets: options.maxSockets ?? 50 };
      this.pool = new NodeHttpHandler({ ...httpHandlerOptions(options.httpTimeouts), httpAgent: agent, httpsAgent: agent });
      this.handler = borrowed(this.pool);
    }
  }

  /** The (cached) client of class `Client` for `service` in the target account and Region. */
  get<C>(Client: ClientClass<C>, service: string, target: ClientTarget, lane: ClientLane = 'governed'): C {
    const key = `${service}|${target.accountId}|${target.region}|${target.credentials ? 'assumed' : 'caller'}|${lane}`;
    const cached = this.cache.get(key);
    if (cached) return cached as C;
    const client = this.create(Client, service, target, lane);
    this.cache.set(key, client);
    return client;
  }

  /**
   * The (cached) client that fetches credentials (STS AssumeRole). It keeps both guards and is counted, but
   * takes no governor slot: the SDK resolves credentials *inside* a governed call, so a refresh that needed a
   * slot could wait forever on the very calls that wait for it.
   */
  credentialsClient<C>(Client: ClientClass<C>, service: string, target: ClientTarget): C {
    return this.get(Client, service, target, 'credentials');
  }

  /** A new client (not cached). */
  create<C>(Client: ClientClass<C>, service: string, target: ClientTarget, lane: ClientLane = 'governed'): C & { destroy(): void } {
    const known = this.settings.get(Client);
    const config: BaseClientConfig = {
      ...(typeof known === 'object' ? known : {}),
      region: target.region,
      maxAttempts: this.options.maxAttempts ?? 5,
      retryMode: 'adaptive',
      requestHandler: this.handler,
    };
    if (this.options.profile !== undefined) config.profile = this.options.profile;
    config.credentials = target.credentials ?? this.callerCredentials(Client, target.region);
    const client = new Client(config);
    const resolved = (client as unknown as { config: Parameters<typeof reuseSigner>[0] }).config;
    reuseSigner(resolved);
    // A FIPS pseudo-Region (`fips-…`) turns FIPS on for its own clients only: never learned from it.
    if (known === undefined && !target.region.includes('fips')) this.learnSettings(Client, resolved);
    const stack = client.middlewareStack as MiddlewareStackLike;
    // It only logs to the client's logger, which logs nothing; on the way it copied every answer (the job pages too).
    stack.remove('loggerMiddleware');
    addReadOnlyGuard(stack);
    addResponseGuard(stack);
    this.options.governor.addTo(stack, service, target.accountId, target.region, lane);
    return client;
  }

  /** Looks up, once per client class, what every later client of it is then given (see clientSettings.ts). */
  private learnSettings(Client: unknown, config: Parameters<typeof resolveSettings>[0]): void {
    this.settings.set(Client, 'resolving');
    resolveSettings(config).then(
      (settings) => this.settings.set(Client, settings),
      // Not learned (a malformed config file, say): every client looks its settings up itself, as the SDK does.
      () => undefined,
    );
  }

  /**
   * One memoised provider of the caller's own credentials, shared by every caller-account client: an
   * assume-role or SSO profile is then resolved once per session, not once per client. It is the SDK's own
   * default chain (honouring `--profile`), taken from a client that never sends anything.
   */
  private callerCredentials<C>(Client: ClientClass<C>, region: string): CredentialsProvider {
    // Kept until `destroy`: the SDK's role assumer for a profile reuses this client's request handler.
    this.callerSource ??= new Client({
      region,
      ...(this.options.profile !== undefined ? { profile: this.options.profile } : {}),
      // The profile's own role assumption and SSO calls go through the same pool, with the same timeouts.
      requestHandler: this.handler,
    }) as unknown as { config: { credentials: CredentialsProvider }; destroy(): void };
    return this.callerSource.config.credentials;
  }

  /**
   * The Region the caller's configuration names (AWS_REGION, the profile's `region`), without sending anything;
   * `undefined` when none is configured.
   */
  async configuredRegion<C>(Client: ClientClass<C>): Promise<string | undefined> {
    const client = new Client(this.options.profile !== undefined ? { profile: this.options.profile } : {}) as unknown as {
      config: { region: () => Promise<string> };
      destroy(): void;
    };
    try {
      return (await client.config.region()) || undefined;
    } catch {
      return undefined;
    } finally {
      client.destroy();
    }
  }

  /**
   * Forgets the clients of an account that is observed: later calls for it get new ones. Nothing is closed — the
   * sockets are the pool's — so a call still running on a forgotten client (an organization-wide job listing
   * through the caller's account) finishes normally.
   */
  release(accountId: string): void {
    for (const key of this.cache.keys()) if (key.split('|')[1] === accountId) this.cache.delete(key);
  }

  /** Closes every client and the shared pool's sockets. */
  destroy(): void {
    for (const client of this.cache.values()) (client as { destroy(): void }).destroy();
    this.cache.clear();
    this.callerSource?.destroy();
    this.callerSource = undefined;
    this.pool?.destroy();
  }
}
