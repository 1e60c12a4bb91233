import { BackupClient, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings, reuseSigner } from './clientSettings.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
const saved = { ...process.env };

/** Answers 200 `{}` and keeps each request's Authorization header. */
function recordingHandler() {
  const authorizations: string[] = [];
  return {
    authorizations,
    handler: {
      handle: async (request: { headers: Record<string, string> }) => {
        authorizations.push(request.headers.authorization ?? '');
        return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode('{}') } };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    },
  };
}

type SignerConfig = Parameters<typeof reuseSigner>[0];
type KeyedSigner = { getSigningKey(c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, region: string, date: string, service?: string): Promise<Uint8Array> };

afterEach(() => {
  process.env = { ...saved };
});

describe('resolveSettings', () => {
  it('gives the looked-up settings as providers, and a configured endpoint URL as `endpoint`', async () => {
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:4566';
    delete process.env.AWS_USE_FIPS_ENDPOINT;
    const client = new BackupClient({ region: 'eu-west-1', credentials });
    const settings = await resolveSettings(client.config as unknown as SignerConfig);
    expect(settings.endpoint).toBe('http://127.0.0.1:4566');
    expect(await (settings.useFipsEndpoint as () => Promise<unknown>)()).toBe(false);
    expect(await (settings.useDualstackEndpoint as () => Promise<unknown>)()).toBe(false);
    expect(await (settings.userAgentAppId as () => Promise<unknown>)()).toBeUndefined();
  });

  it('skips the endpoint lookup of later clients when none is configured', async () => {
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_ENDPOINT_URL')) delete process.env[key];
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    const client = new BackupClient({ region: 'eu-west-1', credentials });
    const settings = await resolveSettings(client.config as unknown as SignerConfig);
    expect(settings.endpoint).toBeUndefined();
    expect(settings.ignoreConfiguredEndpointUrls).toBe(true);
  });
});

describe('reuseSigner', () => {
  it('builds one signer per client and signing scheme instead of one per request', async () => {
    const { handler, authorizations } = recordingHandler();
    const client = new BackupClient({ region: 'eu-west-1', credentials, endpoint: 'http://127.0.0.1:1', requestHandler: handler, maxAttempts: 1 });
    const config = client.config as unknown as SignerConfig & { signer: (scheme?: unknown) => Promise<unknown> };
    const make = config.signer;
    let built = 0;
    config.signer = (scheme) => {
      built += 1;
      return make(scheme);
    };
    reuseSigner(config);
    for (let i = 0; i < 3; i++) await client.send(new ListBackupVaultsCommand({}));
    expect(built).toBe(1);
    expect(authorizations).toHaveLength(3);
    for (const a of authorizations) expect(a).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/backup\/aws4_request, SignedHeaders=.+, Signature=[0-9a-f]{64}$/);
  });

  it("keeps the signing keys the SDK derives, per credentials, day, Region and service", async () => {
    const reused = new BackupClient({ region: 'eu-west-1', credentials });
    reuseSigner(reused.config as unknown as SignerConfig);
    const signer = (await (reused.config as unknown as { signer: () => Promise<KeyedSigner> }).signer()) as KeyedSigner;
    const fresh = (await (new BackupClient({ region: 'eu-west-1', credentials }).config as unknown as { signer: () => Promise<KeyedSigner> }).signer()) as KeyedSigner;
    const a = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' };
    const b = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'other', sessionToken: 't' };
    const first = signer.getSigningKey(a, 'eu-west-1', '20261204', 'backup');
    expect(signer.getSigningKey(a, 'eu-west-1', '20261204', 'backup')).toBe(first);
    expect(Buffer.from(await first)).toEqual(Buffer.from(await fresh.getSigningKey(a, 'eu-west-1', '20261204', 'backup')));
    for (const [c, region, date] of [[b, 'eu-west-1', '20261204'], [a, 'us-east-1', '20261204'], [a, 'eu-west-1', '20261205']] as const) {
      expect(Buffer.from(await signer.getSigningKey(c, region, date, 'backup'))).toEqual(Buffer.from(await fresh.getSigningKey(c, region, date, 'backup')));
    }
    // Same access key, another secret: never the first key.
    expect(Buffer.from(await signer.getSigningKey({ ...a, secretAccessKey: 'rotated' }, 'eu-west-1', '20261204', 'backup'))).not.toEqual(Buffer.from(await first));
  });
});
