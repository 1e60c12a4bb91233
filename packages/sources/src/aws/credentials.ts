/**
 * Credentials per account: the caller's own account uses the caller's credentials; every other account is
 * reached by assuming `roleName` there. Assumed credentials are shared by all of that account's clients,
 * fetched once, and refreshed a few minutes before they expire (role chaining caps sessions at one hour).
 */
import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { Credentials, CredentialsProvider } from './clientFactory.js';

/** Refresh this long before the session expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface AccountCredentialsOptions {
  sts: STSClient;
  callerAccountId: string;
  roleName: string;
  /** RoleSessionName, visible in the member account's CloudTrail. */
  sessionName: string;
  partition: string;
  /** Wall clock for expiry checks (the real one: expirations are real). */
  clock?: () => number;
}

/** The role ARN assumed in `accountId`. */
export function roleArnFor(partition: string, accountId: string, roleName: string): string {
  return `arn:${partition}:iam::${accountId}:role/${roleName}`;
}

/** `vaultscope-<caller name>`, limited to what RoleSessionName accepts (2–64 of `[\w+=,.@-]`). */
export function sessionNameFor(callerArn: string | undefined): string {
  const tail = (callerArn ?? '').split('/').pop() ?? '';
  const cleaned = `vaultscope-${tail}`.replace(/[^\w+=,.@-]/g, '-').replace(/-+$/, '');
  return cleaned.slice(0, 64);
}

export class AccountCredentials {
  private readonly cache = new Map<string, { credentials: Credentials; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<Credentials>>();
  private readonly clock: () => number;

  constructor(private readonly options: AccountCredentialsOptions) {
    this.clock = options.clock ?? Date.now;
  }

  /** `undefined` for the caller's own account (its clients use the caller's credentials). */
  providerFor(accountId: string): CredentialsProvider | undefined {
    if (accountId === this.options.callerAccountId) return undefined;
    return () => this.get(accountId);
  }

  roleArn(accountId: string): string {
    return roleArnFor(this.options.partition, accountId, this.options.roleName);
  }

  /** Current credentials for `accountId`, assuming the role when none are cached or they are about to expire. */
  async get(accountId: string): Promise<Credentials> {
    const cached = this.cache.get(accountId);
    if (cached && cached.expiresAt - this.clock() > REFRESH_MARGIN_MS) return cached.credentials;
    let pending = this.inFlight.get(accountId);
    if (!pending) {
      pending = this.assume(accountId).finally(() => this.inFlight.delete(accountId));
      this.inFlight.set(accountId, pending);
    }
    return pending;
  }

  private async assume(accountId: string): Promise<Credentials> {
    const out = await this.options.sts.send(
      new AssumeRoleCommand({ RoleArn: this.roleArn(accountId), RoleSessionName: this.options.sessionName }),
    );
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) {
      throw Object.assign(new Error(`AssumeRole into ${accountId} returned no credentials`), { name: 'UnexpectedResponse' });
    }
    const credentials: Credentials = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
      ...(c.Expiration ? { expiration: c.Expiration } : {}),
    };
    const expiresAt = c.Expiration ? c.Expiration.getTime() : this.clock() + 3600_000;
    this.cache.set(accountId, { credentials, expiresAt });
    return credentials;
  }
}
