/**
 * Finding detail: what fired, where, why it matters (DORA), the evidence, and the command that fixes it.
 */
import { CHECKS } from '@vaultscope/core';
import { accountName, type OrgData } from '../../model/orgData.js';
import { makeHeading, makeLine, seg } from '../row.js';
import type { Row, ViewModel } from '../screen.js';
import { severityLabel, severityTone } from '../tones.js';
import { fieldLines, flattenFields } from './fields.js';

/** The detail document of one finding. */
export function findingDetail(data: OrgData, id: string): ViewModel {
  const f = data.findingById.get(id);
  if (!f) return { kind: 'doc', title: 'Finding', header: [[seg(id)]], columns: [], rows: [], empty: 'This finding no longer fires.' };
  const asset = f.resourceArn ? data.assetByArn.get(f.resourceArn) : undefined;
  const lines: Row[] = [
    makeHeading('h-what', CHECKS[f.check].title),
    makeLine('message', f.message, { tone: severityTone(f.severity) }),
    makeLine('where', `${accountName(data, f.accountId)} (${f.accountId}) · ${f.region}`),
    makeLine('resource', `resource ${f.resourceArn ?? '(none)'}`, asset ? { target: { kind: 'asset', arn: asset.arn }, tone: 'accent' } : {}),
    makeLine('dora', `DORA ${f.dora.join(', ')}`),
    ...(f.frameworks?.length ? [makeLine('frameworks', `frameworks ${f.frameworks.join(', ')}`)] : []),
    makeHeading('h-fix', 'Remediation'),
    makeLine('fix', f.remediation, { tone: 'accent', copy: f.remediation }),
  ];
  const evidence = flattenFields(f.evidence ?? {});
  if (evidence.length) {
    lines.push(makeHeading('h-evidence', 'Evidence'));
    fieldLines(evidence).forEach((text, i) => lines.push(makeLine(`e${i}`, text)));
  }
  lines.push(makeLine('id', `finding id ${f.id}`, { tone: 'dim' }));
  return {
    kind: 'doc',
    title: f.check,
    header: [[seg(severityLabel(f.severity), severityTone(f.severity)), seg(`  ${f.check}`), seg(asset ? `  ${asset.name}` : '', 'accent')]],
    columns: [],
    rows: lines,
    empty: '',
  };
}
