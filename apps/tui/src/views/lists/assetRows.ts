/**
 * Rows for lists of data assets (an account's Assets tab, `:assets`).
 */
import { TIERS, coverageRank, isGap, type PostureAsset } from '@vaultscope/core';
import { accountName, type OrgData } from '../../model/orgData.js';
import { formatAge } from '../../text/format.js';
import { makeRow } from '../row.js';
import type { Column, Row } from '../screen.js';
import { coverageTone, severityLabel, severityRank, severityTone } from '../tones.js';

/** Columns of an asset list; the account column only in organization-wide lists. */
export function assetColumns(withAccount: boolean): Column[] {
  return [
    { title: 'NAME', width: 18, flex: true },
    { title: 'TYPE', width: 8 },
    ...(withAccount ? [{ title: 'ACCOUNT', width: 14, flex: true, priority: 2 }] : []),
    { title: 'REGION', width: 12, priority: 1 },
    { title: 'CLASS', width: 9 },
    { title: 'COVERAGE', width: 14 },
    { title: 'LAST RP', width: 8, align: 'right', priority: 2 },
    { title: 'FINDINGS', width: 16, flex: true, priority: 1 },
  ];
}

/** One row per asset: unprotected first, then by class, then by name. */
export function assetRows(data: OrgData, assets: readonly PostureAsset[], withAccount: boolean): Row[] {
  const entries = assets.map((a) => {
    const findings = data.findingsByArn.get(a.arn) ?? [];
    let worst = findings[0];
    for (const f of findings) if (severityRank(f.severity) < severityRank(worst?.severity)) worst = f;
    const tierRank = TIERS.indexOf(a.classification.tier);
    const stateRank = coverageRank(a.coverage.state);
    const rp = a.coverage.lastRecoveryPointAt;
    const fault = (a.classification.backupRequired && isGap(a.coverage.state)) || severityRank(worst?.severity) <= 1;
    const row = makeRow({
      id: a.arn,
      cells: [
        a.name,
        a.resourceType,
        ...(withAccount ? [accountName(data, a.accountId)] : []),
        a.region,
        a.classification.tier,
        a.coverage.state,
        rp ? formatAge(rp, data.now).replace(' ago', '') : '—',
        worst ? `${findings.length} · ${severityLabel(worst.severity)} ${worst.check}` : '',
      ],
      sort: [
        undefined,
        undefined,
        ...(withAccount ? [undefined] : []),
        undefined,
        tierRank,
        stateRank,
        rp ? -Date.parse(rp) : Number.MAX_SAFE_INTEGER,
        severityRank(worst?.severity) * 1000 - findings.length,
      ],
      fault,
      cellTones: {
        [withAccount ? 5 : 4]: coverageTone(a.coverage.state),
        ...(worst ? { [withAccount ? 7 : 6]: severityTone(worst.severity) } : {}),
      },
      target: { kind: 'asset', arn: a.arn },
    });
    return { row, stateRank, tierRank, name: a.name.toLowerCase() };
  });
  entries.sort((x, y) => x.stateRank - y.stateRank || x.tierRank - y.tierRank || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return entries.map((e) => e.row);
}
