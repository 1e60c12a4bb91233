/**
 * What every new SDK client would otherwise work out again, and each of the tens of thousands of clients of an
 * organization's collection (one per service × account × Region) paid for on its first call (CPU per API call: see
 * docs/benchmarks.md, "CPU per call"):
 *
 * - **Settings looked up in the environment, then the shared config files** (FIPS and dual-stack endpoints, app id,
 *   auth-scheme preference, S3's checksum and ARN settings, a configured endpoint URL): each lookup that finds nothing
 *   throws and catches an error at every link of its chain. They are the same for every client of a service in one
 *   run (same process environment, same profile), so the first client of each class resolves them and later
 *   clients are given the values.
 * - **A request signer per call**: the SDK builds a new SigV4 signer (a copy of the whole client configuration) for
 *   every request it signs. One per client and signing scheme gives the same signatures.
 * - **The SigV4 signing key per call**: the SDK keeps the 50 most recent keys for the whole process, fewer than the
 *   accounts × Regions × services a collection has in flight, so nearly every request derived its key again (five
 *   HMACs). A client's signer now keeps its own (same key, derived once per credentials, day, Region and service).
 *
 * None of this changes what is sent: same endpoints, headers, signatures and retries.
 */

/** A resolved client configuration, as far as this file reads or replaces it. */
interface ResolvedConfig {
  signer?: unknown;
  serviceConfiguredEndpoint?: () => Promise<string | undefined>;
  [key: string]: unknown;
}

/** Settings the SDK reads from the environment and the shared config files in every new client (when present). */
const LOOKED_UP = [
  'useFipsEndpoint',
  'useDualstackEndpoint',
  'userAgentAppId',
  'authSchemePreference',
  'accountIdEndpointMode',
  'requestChecksumCalculation',
  'responseChecksumValidation',
  'disableS3ExpressSessionAuth',
  'useArnRegion',
  'disableMultiregionAccessPoints',
  'sigv4aSigningRegionSet',
] as const;

/** Client configuration given to every later client of a class: the values its first client looked up. */
export type ResolvedSettings = Record<string, unknown>;

/**
 * Resolves, from a client's configuration, the settings the SDK would look up again in every new client of its
 * class. Values are given as providers (as the SDK's own loaders are), so `undefined` stays "resolved: nothing set"
 * instead of "not given, look it up". A configured endpoint URL (`AWS_ENDPOINT_URL[_<SERVICE>]`, `endpoint_url`)
 * becomes the `endpoint` option; none configured, the lookup is skipped (`ignoreConfiguredEndpointUrls`).
 */
export async function resolveSettings(config: ResolvedConfig): Promise<ResolvedSettings> {
  const settings: ResolvedSettings = {};
  for (const key of LOOKED_UP) {
    const provider = config[key];
    if (typeof provider !== 'function') continue;
    const value: unknown = await (provider as () => Promise<unknown>)();
    settings[key] = () => Promise.resolve(value);
  }
  if (typeof config.serviceConfiguredEndpoint === 'function') {
    const url = await config.serviceConfiguredEndpoint();
    if (url) settings.endpoint = url;
    else settings.ignoreConfiguredEndpointUrls = true;
  }
  return settings;
}

interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

type GetSigningKey = (credentials: SigningCredentials, region: string, shortDate: string, service?: string) => Promise<Uint8Array>;

/** Keys kept per signer: a client signs for one account and Region, so a handful at most. */
const KEYS_PER_SIGNER = 8;

/** The signer with a signing-key cache of its own (same keys as the SDK derives: it derives them). */
function withOwnKeyCache<S>(signer: S): S {
  const own = signer as S & { getSigningKey?: GetSigningKey };
  const derive = own.getSigningKey;
  // S3's multi-Region signer signs through an inner signer: left as it is.
  if (typeof derive !== 'function') return signer;
  const keys = new Map<string, { secret: string; key: Promise<Uint8Array> }>();
  own.getSigningKey = (credentials, region, shortDate, service) => {
    const id = `${shortDate}|${region}|${service ?? ''}|${credentials.accessKeyId}|${credentials.sessionToken ?? ''}`;
    const known = keys.get(id);
    if (known && known.secret === credentials.secretAccessKey) return known.key;
    if (keys.size >= KEYS_PER_SIGNER) keys.clear();
    const key = derive.call(own, credentials, region, shortDate, service);
    keys.set(id, { secret: credentials.secretAccessKey, key });
    key.catch(() => keys.delete(id));
    return key;
  };
  return signer;
}

interface AuthSchemeLike {
  name?: string;
  signingName?: string;
  signingRegion?: string;
}

/**
 * Replaces the client's signer factory (called by the SDK for every request) with one that builds a signer once per
 * signing scheme, name and Region — what the SDK builds for every request — and gives it its own signing-key cache.
 */
export function reuseSigner(config: ResolvedConfig): void {
  const make = config.signer;
  if (typeof make !== 'function') return;
  const made = new Map<string, Promise<unknown>>();
  config.signer = (authScheme?: AuthSchemeLike) => {
    const id = `${authScheme?.name ?? ''}|${authScheme?.signingName ?? ''}|${authScheme?.signingRegion ?? ''}`;
    let signer = made.get(id);
    if (!signer) {
      signer = (make as (scheme?: AuthSchemeLike) => Promise<unknown>)(authScheme).then(withOwnKeyCache);
      made.set(id, signer);
      // A signer that could not be built is built again by the next request, as the SDK would.
      signer.catch(() => made.delete(id));
    }
    return signer;
  };
}
