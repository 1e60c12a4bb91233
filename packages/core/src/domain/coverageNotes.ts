/**
 * Why an asset's coverage reads as it does where AWS's own behaviour decided it: covered through its instance,
 * blocked by a Region opt-in, copies AWS does not make, how an air-gapped vault is reached, what jobs said about
 * a vault, and restore-testing plans that can never pick its recovery points. Said once here; the TUI's asset view,
 * the PDF and the CSVs print these lines as they are.
 */
import type { Coverage, VaultRef } from '../posture/schema.js';
import { observationImmutable } from './airGap.js';

const short = (arn: string): string => arn.slice(arn.lastIndexOf(':') + 1);

/** One note: its text, and whether it reports a weakness (a copy not made, a vault not reached, …) or a fact. */
export interface CoverageNote {
  text: string;
  concern: boolean;
}

function vaultNote(v: VaultRef): CoverageNote | undefined {
  const seen = v.observed
    ? `${v.observed.via} job ${v.observed.jobId} completed into it ${v.observed.at.slice(0, 16).replace('T', ' ')}${v.observed.lockState ? ` (${v.observed.lockState}` : ''}${v.observed.lockState && v.observed.vaultType ? `, ${v.observed.vaultType})` : v.observed.lockState ? ')' : v.observed.vaultType ? ` (${v.observed.vaultType})` : ''}`
    : undefined;
  if (v.reach === 'none') return { text: `vault ${v.name} not reached: ${v.reachReason ?? 'AWS makes no backup or copy of this type there'}`, concern: true };
  if (v.reach === 'backup') return { text: `air-gapped vault ${v.name}: this type backs up straight into it (fully managed by AWS Backup)`, concern: false };
  if (v.reach === 'copy') {
    return seen && v.observed?.via === 'copy'
      ? { text: `air-gapped vault ${v.name}: reached by copy; ${seen}`, concern: false }
      : { text: `air-gapped vault ${v.name}: this type reaches it only by copy, and no copy into it completed in the window`, concern: true };
  }
  // Job attributes speak for a vault only where its own configuration was not observed.
  const evidence = observationImmutable(v.observed);
  return seen && evidence && v.lock === 'unknown' ? { text: `vault ${v.name} (not observed): ${seen}`, concern: false } : undefined;
}

/** One line per special verdict on the asset's coverage, in reading order; empty when nothing needs saying. */
export function coverageNotes(coverage: Coverage): CoverageNote[] {
  const notes: CoverageNote[] = [];
  const through = coverage.coveredThrough;
  if (through) notes.push({ text: `covered through ${through.resourceType} instance ${through.name}: its AMI includes this volume, and its recovery point decides the state`, concern: false });
  if (coverage.state === 'OPT_IN_BLOCKED' && coverage.optInRequired) {
    notes.push({ text: `a selection reaches it, but ${coverage.optInRequired} is not opted in to AWS Backup in its Region`, concern: true });
  }
  for (const c of coverage.copiesNotMade ?? []) {
    notes.push({ text: `copy to ${short(c.destination)} (${c.destination.split(':')[3] ?? ''}/${c.destination.split(':')[4] ?? ''}) not made: ${c.reason}`, concern: true });
  }
  for (const v of coverage.vaults) {
    const note = vaultNote(v);
    if (note) notes.push(note);
  }
  const ineligible = coverage.restoreTestIneligible;
  if (ineligible) {
    notes.push({ text: `restore-testing plan ${ineligible.planName} (selection ${ineligible.selectionName}) can never pick its recovery points: ${ineligible.reason}`, concern: true });
  }
  return notes;
}
