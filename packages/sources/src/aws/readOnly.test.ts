import { BackupClient, CreateBackupPlanCommand, DeleteBackupVaultCommand, ListBackupVaultsCommand } from '@aws-sdk/client-backup';
import { S3Client, PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it, vi } from 'vitest';
import { ClientFactory } from './clientFactory.js';
import { CallGovernor, limitsFor, type ApiCall } from './governor.js';
import { isReadOperation, ReadOnlyViolationError } from './readOnly.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** A request handler that records what would go on the wire and answers 200 `{}`. */
function spyHandler() {
  const sent: string[] = [];
  const handle = vi.fn(async (request: { method: string; path: string; headers: Record<string, string> }) => {
    sent.push(`${request.method} ${request.path} ${request.headers['x-amz-target'] ?? ''}`);
    const { Readable } = await import('node:stream');
    return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Readable.from([Buffer.from('{}')]) } };
  });
  return { sent, handle, handler: { handle, updateHttpClientConfig: () => {}, httpHandlerConfigs: () => ({}) } };
}

function factoryWith(handler: object, calls: ApiCall[] = []) {
  return new ClientFactory({
    maxAttempts: 1,
    governor: new CallGovernor(limitsFor(4), (c) => calls.push(c)),
    requestHandler: handler as Record<string, unknown>,
  });
}

const credentials = async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' });

describe('isReadOperation', () => {
  it.each(['ListBackupJobs', 'GetBucketTagging', 'DescribeTable', 'SearchResources', 'SelectAggregateResourceConfig', 'BatchGetItem', 'AssumeRole', 'GetCallerIdentity', 'ListBackupJobsCommand'])(
    'lets %s through',
    (name) => expect(isReadOperation(name)).toBe(true),
  );
  it.each(['DeleteBackupVault', 'CreateBackupPlan', 'PutBucketTagging', 'UpdateContinuousBackups', 'StartBackupJob', 'TagResource', 'Getaway', 'Listen', 'AssumeRoleWithSAML', 'BatchWriteItem', ''])(
    'refuses %s',
    (name) => expect(isReadOperation(name)).toBe(false),
  );
});

describe('the read-only guard on every factory client', () => {
  it('refuses DeleteBackupVault and CreateBackupPlan before any request is sent', async () => {
    const spy = spyHandler();
    const calls: ApiCall[] = [];
    const backup = factoryWith(spy.handler, calls).get(BackupClient, 'backup', { accountId: '111111111111', region: 'eu-west-1', credentials });
    await expect(backup.send(new DeleteBackupVaultCommand({ BackupVaultName: 'v' }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    await expect(
      backup.send(new CreateBackupPlanCommand({ BackupPlan: { BackupPlanName: 'p', Rules: [] } })),
    ).rejects.toThrow(/refused to send Backup(Client)? CreateBackupPlan/);
    expect(spy.handle).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('refuses S3 writes too', async () => {
    const spy = spyHandler();
    const s3 = factoryWith(spy.handler).get(S3Client, 's3', { accountId: '111111111111', region: 'eu-west-1', credentials });
    await expect(s3.send(new PutBucketTaggingCommand({ Bucket: 'b', Tagging: { TagSet: [] } }))).rejects.toBeInstanceOf(ReadOnlyViolationError);
    expect(spy.handle).not.toHaveBeenCalled();
  });

  it('sends reads, AssumeRole and GetCallerIdentity, and counts them', async () => {
    const spy = spyHandler();
    const calls: ApiCall[] = [];
    const factory = factoryWith(spy.handler, calls);
    const backup = factory.get(BackupClient, 'backup', { accountId: '111111111111', region: 'eu-west-1', credentials });
    await backup.send(new ListBackupVaultsCommand({}));
    const sts = factory.get(STSClient, 'sts', { accountId: '111111111111', region: 'eu-west-1', credentials });
    await sts.send(new GetCallerIdentityCommand({})).catch(() => undefined); // the `{}` body is not STS XML: only the send matters
    await sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/r', RoleSessionName: 's' })).catch(() => undefined);
    expect(spy.handle).toHaveBeenCalledTimes(3);
    expect(calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['backup:ListBackupVaults', 'sts:GetCallerIdentity', 'sts:AssumeRole']);
    factory.destroy();
  });

  it('caches one client per service, account and Region', () => {
    const factory = factoryWith(spyHandler().handler);
    const target = { accountId: '111111111111', region: 'eu-west-1', credentials };
    expect(factory.get(BackupClient, 'backup', target)).toBe(factory.get(BackupClient, 'backup', target));
    expect(factory.get(BackupClient, 'backup', target)).not.toBe(factory.get(BackupClient, 'backup', { ...target, region: 'eu-central-1' }));
  });
});
