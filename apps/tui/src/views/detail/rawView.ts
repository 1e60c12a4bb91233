/**
 * `y`: the AWS object behind an asset, job, plan or vault, as the estate holds it (the API's own field names),
 * pretty-printed JSON one line per row — scrollable like any document, Esc back.
 */
import { jobKey, planKey, type OrgData } from '../../model/orgData.js';
import { makeLine, seg } from '../row.js';
import type { RawOf, ViewModel } from '../screen.js';

/** The estate's object for a screen, or undefined when it is no longer there. */
export function rawObject(data: OrgData, of: RawOf): unknown {
  switch (of.kind) {
    case 'asset':
      return data.estateAssetByArn.get(of.arn);
    case 'job':
      return data.jobByKey.get(jobKey(of.jobKind, of.jobId))?.raw;
    case 'plan':
      return data.planByKey.get(planKey(of.accountId, of.region, of.planId))?.plan;
    case 'vault':
      return data.vaultByArn.get(of.arn)?.vault;
  }
}

/** The raw JSON document of a screen's AWS object. */
export function rawView(data: OrgData, of: RawOf): ViewModel {
  const object = rawObject(data, of);
  const text = object === undefined ? [] : JSON.stringify(object, null, 2).split('\n');
  return {
    kind: 'doc',
    title: 'raw',
    header: [[seg(`${of.kind} as observed (AWS field names)`, 'dim')]],
    columns: [],
    rows: text.map((line, i) => makeLine(`j${i}`, line)),
    empty: `This ${of.kind} is no longer in the estate.`,
  };
}
