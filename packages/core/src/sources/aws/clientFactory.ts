/**
 * The one place that creates AWS clients. Every client gets the read-only guard, the call governor, adaptive
 * retry and the caller's credentials or an account's assumed-role credentials. Endpoints come from the SDK's
 * own configuration, so `AWS_ENDPOINT_URL` (and `AWS_ENDPOINT_URL_<SERVICE>`) work without code here.
 */
import type { CallGovernor } from './governor.js';
import type { MiddlewareStackLike } from './middleware.js';
import { addReadOnlyGuard } from './readOnly.js';

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
}

/** Which account and Region a client talks to; no credentials = the caller's own. */
export interface ClientTarget {
  accountId: string;
  region: string;
  credentials?: CredentialsProvider;
}

export class ClientFactory {
  private readonly cache = new Map<string, unknown>();

  constructor(private readonly options: ClientFactoryOptions) {}

  /** The (cached) client of class `Client` for `service` in the target account and Region. */
  get<C>(Client: ClientClass<C>, service: string, target: ClientTarget): C {
    const key = `${service}|${target.accountId}|${target.region}|${target.credentials ? 'assumed' : 'caller'}`;
    const cached = this.cache.get(key);
    if (cached) return cached as C;
    const client = this.create(Client, service, target);
    this.cache.set(key, client);
    return client;
  }

  /** A new client (not cached). */
  create<C>(Client: ClientClass<C>, service: string, target: ClientTarget): C & { destroy(): void } {
    const config: BaseClientConfig = {
      region: target.region,
      maxAttempts: this.options.maxAttempts ?? 5,
      retryMode: 'adaptive',
      requestHandler: this.options.requestHandler ?? { connectionTimeout: 10_000, requestTimeout: 60_000 },
    };
    if (target.credentials) config.credentials = target.credentials;
    else if (this.options.profile !== undefined) config.profile = this.options.profile;
    const client = new Client(config);
    const stack = client.middlewareStack as MiddlewareStackLike;
    addReadOnlyGuard(stack);
    this.options.governor.addTo(stack, service, target.accountId, target.region);
    return client;
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

  /** Closes every client's sockets. */
  destroy(): void {
    for (const client of this.cache.values()) (client as { destroy(): void }).destroy();
    this.cache.clear();
  }
}
