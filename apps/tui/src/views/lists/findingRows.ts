/**
 * Rows for lists of findings (an account's Findings tab, `:findings`), worst first as evaluated.
 */
import type { Finding } from '@vaultscope/core';
import { accountName, type OrgData } from '../../model/orgData.js';
import { makeRow } from '../row.js';
import type { Column, Row } from '../screen.js';
import { severityLabel, severityRank, severityTone } from '../tones.js';

/** Columns of a finding list. */
export function findingColumns(withAccount: boolean): Column[] {
  return [
    { title: 'SEV', width: 6 },
    { title: 'CHECK', width: 22, flex: true },
    ...(withAccount ? [{ title: 'ACCOUNT', width: 14, flex: true, priority: 2 }] : []),
    { title: 'REGION', width: 12, priority: 1 },
    { title: 'RESOURCE', width: 16, flex: true },
    { title: 'MESSAGE', width: 20, flex: true, priority: 1 },
  ];
}

/** The short name of a resource ARN (its last path part). */
export function resourceLabel(data: OrgData, arn: string | undefined): string {
  if (!arn) return '';
  return data.assetByArn.get(arn)?.name ?? arn.split(/[/:]/).pop() ?? arn;
}

/** One row per finding; Enter opens the asset's xray, or the finding itself when it has no asset. */
export function findingRows(data: OrgData, findings: readonly Finding[], withAccount: boolean): Row[] {
  return findings.map((f) =>
    makeRow({
      id: f.id,
      cells: [
        severityLabel(f.severity),
        f.check,
        ...(withAccount ? [accountName(data, f.accountId)] : []),
        f.region,
        resourceLabel(data, f.resourceArn),
        f.message,
      ],
      sort: [severityRank(f.severity)],
      fault: severityRank(f.severity) <= 1,
      cellTones: { 0: severityTone(f.severity) },
      target: { kind: 'finding', id: f.id },
      copy: f.remediation,
    }),
  );
}
