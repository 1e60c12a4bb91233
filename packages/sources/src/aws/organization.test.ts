/**
 * Organizations with aws-sdk-client-mock: pages keyed by NextToken (including the empty page with a token that
 * Organizations may send), the OU walk, account tags, and the fallbacks when there is no organization access.
 */
import {
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  type Account,
} from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { ErrorSink } from './errors.js';
import { describeOrganizationView } from './organization.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const orgMock = mockClient(OrganizationsClient);
const client = new OrganizationsClient({ region: 'us-east-1' });
const awsError = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 } });

const MGMT = '111111111111';
const account = (Id: string, Name: string, State = 'ACTIVE'): Account => ({
  Id,
  Name,
  Arn: `arn:aws:organizations::${MGMT}:account/o-abc123/${Id}`,
  Email: `${Name}@example.com`,
  State: State as Account['State'],
  Status: 'ACTIVE',
  JoinedMethod: 'CREATED',
  JoinedTimestamp: new Date('2024-01-02T03:04:05Z'),
});

// Three pages; the middle one is empty but carries a NextToken (documented Organizations behaviour).
const ACCOUNT_PAGES: Record<string, { Accounts: Account[]; NextToken?: string }> = {
  first: { Accounts: [account(MGMT, 'management'), account('222222222222', 'payments-prod')], NextToken: 'tok-2' },
  'tok-2': { Accounts: [], NextToken: 'tok-3' },
  'tok-3': { Accounts: [account('333333333333', 'analytics-dev'), account('444444444444', 'closed', 'SUSPENDED')] },
};

const accountTokens: Array<string | undefined> = [];

function mockTree() {
  orgMock.on(DescribeOrganizationCommand).resolves({
    Organization: { Id: 'o-abc123', Arn: `arn:aws:organizations::${MGMT}:organization/o-abc123`, MasterAccountId: MGMT, FeatureSet: 'ALL' },
  });
  orgMock.on(ListAccountsCommand).callsFake((input: { NextToken?: string }) => {
    // Recorded at call time: the paginator reuses its input object between pages.
    accountTokens.push(input.NextToken);
    return ACCOUNT_PAGES[input.NextToken ?? 'first'];
  });
  orgMock.on(ListRootsCommand).resolves({ Roots: [{ Id: 'r-root', Name: 'Root' }] });
  const ous: Record<string, Array<{ Id: string; Name: string }>> = {
    'r-root': [{ Id: 'ou-work', Name: 'Workloads' }],
    'ou-work': [
      { Id: 'ou-prod', Name: 'Prod' },
      { Id: 'ou-dev', Name: 'NonProd' },
    ],
  };
  orgMock.on(ListOrganizationalUnitsForParentCommand).callsFake((input: { ParentId: string; NextToken?: string }) => {
    const all = ous[input.ParentId] ?? [];
    // Paged one OU at a time so the walk must follow NextToken.
    const index = input.NextToken ? Number(input.NextToken) : 0;
    return { OrganizationalUnits: all.slice(index, index + 1), ...(index + 1 < all.length ? { NextToken: String(index + 1) } : {}) };
  });
  const children: Record<string, string[]> = {
    'r-root': [MGMT, '444444444444'],
    'ou-prod': ['222222222222'],
    'ou-dev': ['333333333333'],
  };
  orgMock.on(ListChildrenCommand).callsFake((input: { ParentId: string }) => ({
    Children: (children[input.ParentId] ?? []).map((Id) => ({ Id, Type: 'ACCOUNT' })),
  }));
  orgMock.on(ListTagsForResourceCommand).callsFake((input: { ResourceId: string; NextToken?: string }) => {
    if (input.ResourceId !== '222222222222') return { Tags: [] };
    return input.NextToken
      ? { Tags: [{ Key: 'Owner', Value: 'payments' }] }
      : { Tags: [{ Key: 'Environment', Value: 'prod' }], NextToken: 'tags-2' };
  });
}

beforeEach(() => {
  orgMock.reset();
  accountTokens.length = 0;
});

describe('describeOrganizationView', () => {
  it('pages ListAccounts to the end (past an empty page), walks the OUs and reads tags', async () => {
    mockTree();
    const sink = new ErrorSink();
    const view = await describeOrganizationView(client, MGMT, {}, sink, 4);
    expect(accountTokens).toEqual([undefined, 'tok-2', 'tok-3']);
    expect(view.listed).toBe(true);
    expect(view.organization).toMatchObject({ Id: 'o-abc123', MasterAccountId: MGMT });
    expect(view.accounts.map((a) => [a.Id, a.OuPath, a.State])).toEqual([
      [MGMT, 'Root', 'ACTIVE'],
      ['222222222222', 'Root/Workloads/Prod', 'ACTIVE'],
      ['333333333333', 'Root/Workloads/NonProd', 'ACTIVE'],
      ['444444444444', 'Root', 'SUSPENDED'],
    ]);
    expect(view.accounts[1]).toMatchObject({
      Name: 'payments-prod',
      Email: 'payments-prod@example.com',
      JoinedTimestamp: '2024-01-02T03:04:05.000Z',
      Tags: { Environment: 'prod', Owner: 'payments' },
    });
    expect(sink.list()).toEqual([]);
  });

  it('applies --accounts and --exclude-accounts, walking up with ListParents for named accounts', async () => {
    mockTree();
    orgMock.on(ListParentsCommand).callsFake((input: { ChildId: string }) => {
      const parents: Record<string, { Id: string; Type: string }> = {
        '222222222222': { Id: 'ou-prod', Type: 'ORGANIZATIONAL_UNIT' },
        '333333333333': { Id: 'ou-dev', Type: 'ORGANIZATIONAL_UNIT' },
        'ou-prod': { Id: 'ou-work', Type: 'ORGANIZATIONAL_UNIT' },
        'ou-dev': { Id: 'ou-work', Type: 'ORGANIZATIONAL_UNIT' },
        'ou-work': { Id: 'r-root', Type: 'ROOT' },
      };
      return { Parents: [parents[input.ChildId]] };
    });
    orgMock.on(DescribeOrganizationalUnitCommand).callsFake((input: { OrganizationalUnitId: string }) => ({
      OrganizationalUnit: { Id: input.OrganizationalUnitId, Name: { 'ou-prod': 'Prod', 'ou-dev': 'NonProd', 'ou-work': 'Workloads' }[input.OrganizationalUnitId] },
    }));
    const sink = new ErrorSink();
    const view = await describeOrganizationView(client, MGMT, { accounts: ['222222222222', '333333333333', '999999999999'], excludeAccounts: ['333333333333'] }, sink, 4);
    expect(view.accounts.map((a) => [a.Id, a.OuPath])).toEqual([['222222222222', 'Root/Workloads/Prod']]);
    expect(orgMock.commandCalls(ListRootsCommand)).toHaveLength(0);
    // 'ou-work' is described once even though both named accounts sit below it.
    expect(orgMock.commandCalls(DescribeOrganizationalUnitCommand).map((c) => c.args[0].input.OrganizationalUnitId).sort()).toEqual(['ou-prod', 'ou-work']);
    expect(sink.list()).toEqual([expect.objectContaining({ operation: 'ListAccounts', resource: '999999999999', code: 'AccountNotInOrganization' })]);
  });

  it('falls back to the caller when the account is not in an organization', async () => {
    orgMock.on(DescribeOrganizationCommand).rejects(awsError('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.'));
    const sink = new ErrorSink();
    const view = await describeOrganizationView(client, '555555555555', {}, sink, 4);
    expect(view).toEqual({ accounts: [{ Id: '555555555555', Name: '555555555555' }], listed: false });
    expect(sink.list()).toEqual([
      {
        service: 'organizations',
        operation: 'DescribeOrganization',
        code: 'AWSOrganizationsNotInUseException',
        message: "the caller's account is not a member of an organization; observing only the caller's own account",
        accountId: '555555555555',
      },
    ]);
  });

  it('falls back to the named accounts when a member may not list the organization', async () => {
    orgMock.on(DescribeOrganizationCommand).resolves({ Organization: { Id: 'o-abc123', MasterAccountId: MGMT } });
    orgMock.on(ListAccountsCommand).rejects(awsError('AccessDeniedException', 'You don’t have permissions to access this resource.'));
    const sink = new ErrorSink();
    const view = await describeOrganizationView(client, '222222222222', { accounts: ['222222222222', '333333333333'] }, sink, 4);
    expect(view.organization?.Id).toBe('o-abc123');
    expect(view.listed).toBe(false);
    expect(view.accounts.map((a) => a.Id)).toEqual(['222222222222', '333333333333']);
    expect(sink.list()[0]).toMatchObject({ operation: 'ListAccounts', code: 'AccessDeniedException' });
    expect(sink.list()[0]?.message).toMatch(/observing the accounts named with --accounts$/);
  });

  it("falls back to the caller's own account when ListAccounts succeeds without it", async () => {
    mockTree();
    orgMock.on(ListAccountsCommand).resolves({ Accounts: [] });
    const empty = new ErrorSink();
    const view = await describeOrganizationView(client, '222222222222', {}, empty, 4);
    expect(view).toEqual({ organization: expect.objectContaining({ Id: 'o-abc123' }), accounts: [{ Id: '222222222222', Name: '222222222222' }], listed: false });
    expect(empty.list()).toEqual([
      {
        service: 'organizations',
        operation: 'ListAccounts',
        code: 'IncompleteAccountList',
        message: "ListAccounts returned no accounts; observing only the caller's own account",
        accountId: '222222222222',
      },
    ]);
    // A list of other accounts only: the same, and no OU walk or tag reads on a list that is not the organization.
    orgMock.on(ListAccountsCommand).resolves({ Accounts: [account(MGMT, 'management'), account('333333333333', 'analytics-dev')] });
    const others = new ErrorSink();
    const named = await describeOrganizationView(client, '222222222222', { accounts: ['222222222222', '444444444444'] }, others, 4);
    expect(named.accounts.map((a) => a.Id)).toEqual(['222222222222', '444444444444']);
    expect(others.list()[0]?.message).toBe(
      "ListAccounts returned 2 accounts without the caller's own account 222222222222; observing the accounts named with --accounts",
    );
    expect(orgMock.commandCalls(ListTagsForResourceCommand)).toHaveLength(0);
  });

  it('keeps the accounts when the OU walk or the tags are refused, and says so', async () => {
    mockTree();
    orgMock.on(ListRootsCommand).rejects(awsError('AccessDeniedException', 'denied'));
    orgMock.on(ListTagsForResourceCommand).rejects(awsError('TooManyRequestsException', 'AWS Organizations can\'t complete your request because another request is already in progress.'));
    const sink = new ErrorSink();
    const view = await describeOrganizationView(client, MGMT, {}, sink, 4);
    expect(view.accounts).toHaveLength(4);
    expect(view.accounts.every((a) => a.OuPath === undefined && a.Tags === undefined)).toBe(true);
    expect(sink.list().map((e) => [e.operation, e.code])).toEqual([
      ['ListRoots', 'AccessDeniedException'],
      ['ListTagsForResource', 'TooManyRequestsException'],
    ]);
    expect(sink.list()[1]?.message).toMatch(/and 3 more resources/);
  });
});
