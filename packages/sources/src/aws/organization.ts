/**
 * The organization: DescribeOrganization, every account (paged to the very end), each account's OU path and
 * tags. Outside an organization, or without permission to list it, the caller's own account (or the accounts
 * named with `--accounts`) is observed instead and the reason is recorded — a note, not a failure.
 */
import {
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  paginateListAccounts,
  paginateListChildren,
  paginateListOrganizationalUnitsForParent,
  paginateListParents,
  paginateListRoots,
  paginateListTagsForResource,
  type Account as OrgAccount,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import type { Account, Estate } from '@vaultscope/core';
import { errorCodeOf, toCollectionError, type ErrorSink } from './errors.js';
import { mapLimit } from './limiter.js';
import { compact, isoOf, tagMap, toPlain } from './shapes.js';

export interface OrganizationView {
  organization?: NonNullable<Estate['organization']>;
  accounts: Account[];
  /** Whether the organization's account list was read (so the management account's org-wide views may work). */
  listed: boolean;
}

export interface AccountFilter {
  accounts?: readonly string[] | undefined;
  excludeAccounts?: readonly string[] | undefined;
}

const SERVICE = 'organizations';

/** Applies `--accounts` / `--exclude-accounts`. */
export function selectAccounts<T extends { Id: string }>(all: readonly T[], filter: AccountFilter): T[] {
  const only = filter.accounts?.length ? new Set(filter.accounts) : undefined;
  const excluded = new Set(filter.excludeAccounts ?? []);
  return all.filter((a) => (!only || only.has(a.Id)) && !excluded.has(a.Id));
}

/** Reads the organization as far as the caller may; every refusal is recorded in `sink`. */
export async function describeOrganizationView(
  client: OrganizationsClient,
  callerAccountId: string,
  filter: AccountFilter,
  sink: ErrorSink,
  concurrency: number,
  /** The accounts whose tags are read (one call each): a shard needs only its own; default every chosen account. */
  tagsFor: (accountId: string) => boolean = () => true,
): Promise<OrganizationView> {
  const fallback = (organization?: OrganizationView['organization']): OrganizationView => {
    const ids = filter.accounts?.length ? [...filter.accounts] : [callerAccountId];
    const accounts = selectAccounts(
      ids.map((Id) => ({ Id, Name: Id })),
      { excludeAccounts: filter.excludeAccounts },
    );
    return { ...(organization ? { organization } : {}), accounts, listed: false };
  };

  let organization: OrganizationView['organization'];
  try {
    const out = await client.send(new DescribeOrganizationCommand({}));
    if (out.Organization) organization = toPlain(out.Organization);
  } catch (error) {
    sink.add({
      service: SERVICE,
      operation: 'DescribeOrganization',
      code: errorCodeOf(error),
      message: `${explainNoOrganization(error)}; observing ${filter.accounts?.length ? 'the accounts named with --accounts' : "only the caller's own account"}`,
      accountId: callerAccountId,
    });
    return fallback();
  }

  const listed: OrgAccount[] = [];
  try {
    // The paginator follows NextToken to the end, including past empty pages (which Organizations may send).
    for await (const page of paginateListAccounts({ client }, {})) listed.push(...(page.Accounts ?? []));
  } catch (error) {
    const entry = toCollectionError(error, { service: SERVICE, operation: 'ListAccounts', accountId: callerAccountId });
    entry.message += `; observing ${filter.accounts?.length ? 'the accounts named with --accounts' : "only the caller's own account"}`;
    sink.add(entry);
    return fallback(organization);
  }

  const known = new Set(listed.map((a) => a.Id));
  if (!known.has(callerAccountId)) {
    // Every organization lists its management account and each member, so a list without the caller's own
    // account is not the organization's (an emulator, or a member that may not list): observe the caller's.
    sink.add({
      service: SERVICE,
      operation: 'ListAccounts',
      code: 'IncompleteAccountList',
      message: `ListAccounts returned ${listed.length === 0 ? 'no accounts' : `${listed.length} account${listed.length === 1 ? '' : 's'} without the caller's own account ${callerAccountId}`}; observing ${filter.accounts?.length ? 'the accounts named with --accounts' : "only the caller's own account"}`,
      accountId: callerAccountId,
    });
    return fallback(organization);
  }
  for (const id of filter.accounts ?? []) {
    if (!known.has(id)) {
      sink.add({
        service: SERVICE,
        operation: 'ListAccounts',
        resource: id,
        code: 'AccountNotInOrganization',
        message: `account ${id} (named with --accounts) is not in organization ${organization?.Id ?? ''}`.trim(),
        accountId: callerAccountId,
      });
    }
  }
  const chosen = selectAccounts(
    listed.filter((a): a is OrgAccount & { Id: string } => typeof a.Id === 'string'),
    filter,
  );
  const chosenIds = chosen.map((a) => a.Id);
  const [paths, tags] = await Promise.all([
    filter.accounts?.length
      ? ouPathsByWalkingUp(client, chosenIds, sink, callerAccountId)
      : ouPathsByWalkingDown(client, sink, callerAccountId),
    accountTags(client, chosenIds.filter(tagsFor), sink, callerAccountId, concurrency),
  ]);

  const accounts = chosen.map((a): Account => {
    const path = paths.get(a.Id);
    const accountTags = tags.get(a.Id);
    return compact({
      Id: a.Id,
      Name: a.Name ?? a.Id,
      Arn: a.Arn,
      Email: a.Email,
      State: a.State ?? a.Status,
      JoinedMethod: a.JoinedMethod,
      JoinedTimestamp: isoOf(a.JoinedTimestamp),
      OuPath: path,
      Tags: accountTags,
    });
  });
  return { ...(organization ? { organization } : {}), accounts, listed: true };
}

function explainNoOrganization(error: unknown): string {
  const code = errorCodeOf(error);
  if (code === 'AWSOrganizationsNotInUseException') return 'the caller\'s account is not a member of an organization';
  if (code.startsWith('AccessDenied')) return 'the caller may not describe the organization';
  return `the organization could not be described (${code})`;
}

/**
 * OU paths for the whole organization from the top: ListRoots, then per node ListOrganizationalUnitsForParent
 * and ListChildren(ACCOUNT). About 2 calls per OU, whatever the number of accounts.
 */
async function ouPathsByWalkingDown(client: OrganizationsClient, sink: ErrorSink, callerAccountId: string): Promise<Map<string, string>> {
  const paths = new Map<string, string>();
  const site = (operation: string, resource?: string) => ({
    service: SERVICE,
    operation,
    accountId: callerAccountId,
    ...(resource ? { resource } : {}),
  });
  const roots = await sink.attempt(site('ListRoots'), async () => {
    const out = [];
    for await (const page of paginateListRoots({ client }, {})) out.push(...(page.Roots ?? []));
    return out;
  });
  const queue: Array<{ id: string; path: string }> = (roots ?? []).flatMap((r) => (r.Id ? [{ id: r.Id, path: r.Name ?? 'Root' }] : []));
  while (queue.length > 0) {
    const level = queue.splice(0, queue.length);
    await Promise.all(
      level.map(async (node) => {
        const [ous, accountIds] = await Promise.all([
          sink.attempt(site('ListOrganizationalUnitsForParent', node.id), async () => {
            const out = [];
            for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: node.id })) {
              out.push(...(page.OrganizationalUnits ?? []));
            }
            return out;
          }),
          sink.attempt(site('ListChildren', node.id), async () => {
            const out: string[] = [];
            for await (const page of paginateListChildren({ client }, { ParentId: node.id, ChildType: 'ACCOUNT' })) {
              for (const child of page.Children ?? []) if (child.Id) out.push(child.Id);
            }
            return out;
          }),
        ]);
        for (const id of accountIds ?? []) paths.set(id, node.path);
        for (const ou of ous ?? []) if (ou.Id) queue.push({ id: ou.Id, path: `${node.path}/${ou.Name ?? ou.Id}` });
      }),
    );
  }
  return paths;
}

/** OU paths for a few named accounts from the bottom: ListParents up to the root, OU names cached. */
async function ouPathsByWalkingUp(
  client: OrganizationsClient,
  accountIds: readonly string[],
  sink: ErrorSink,
  callerAccountId: string,
): Promise<Map<string, string>> {
  const nodes = new Map<string, Promise<string | undefined>>();
  const parentOf = async (childId: string) => {
    let parent: { Id?: string | undefined; Type?: string | undefined } | undefined;
    for await (const page of paginateListParents({ client }, { ChildId: childId })) parent ??= page.Parents?.[0];
    return parent;
  };
  const pathOfNode = (id: string, type: string | undefined): Promise<string | undefined> => {
    let pending = nodes.get(id);
    if (!pending) {
      pending = (async () => {
        if (type === 'ROOT') return 'Root';
        const [described, parent] = await Promise.all([
          client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id })),
          parentOf(id),
        ]);
        const name = described.OrganizationalUnit?.Name ?? id;
        const above = parent?.Id ? await pathOfNode(parent.Id, parent.Type) : undefined;
        return above ? `${above}/${name}` : name;
      })();
      nodes.set(id, pending);
    }
    return pending;
  };
  const paths = new Map<string, string>();
  for (const accountId of accountIds) {
    const path = await sink.attempt({ service: SERVICE, operation: 'ListParents', resource: accountId, accountId: callerAccountId }, async () => {
      const parent = await parentOf(accountId);
      return parent?.Id ? pathOfNode(parent.Id, parent.Type) : undefined;
    });
    if (path) paths.set(accountId, path);
  }
  return paths;
}

/** Account tags (owner, environment, classification), one ListTagsForResource per account. */
async function accountTags(
  client: OrganizationsClient,
  accountIds: readonly string[],
  sink: ErrorSink,
  callerAccountId: string,
  concurrency: number,
): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  await mapLimit(accountIds, concurrency, async (id) => {
    const tags = await sink.attempt(
      { service: SERVICE, operation: 'ListTagsForResource', resource: id, accountId: callerAccountId },
      async () => {
        const list = [];
        for await (const page of paginateListTagsForResource({ client }, { ResourceId: id })) list.push(...(page.Tags ?? []));
        return tagMap(list);
      },
    );
    if (tags) out.set(id, tags);
  });
  return out;
}
