/**
 * One observation of a source recorded in the ledger: the estate's jobs plus the posture summary evaluated
 * from it. `collect`, `pack` and every scheduled cycle go through here.
 */
import { evaluate, type Estate, type LoadedPolicy, type Posture } from '@vaultscope/core';
import { collectionFromEstate, type BatchReceipt, type LedgerStore } from '@vaultscope/ledger';

/** What recording an observation produced. */
export interface Observation {
  posture: Posture;
  receipt: BatchReceipt;
}

/** Evaluates the estate and appends it to the ledger as one batch. */
export async function recordObservation(
  ledger: LedgerStore,
  estate: Estate,
  policy: LoadedPolicy,
  sourceSpec: string,
  now: Date,
  options: { observations?: { organization: boolean; jobRegions?: readonly string[] }; summary?: boolean } = {},
): Promise<Observation> {
  // The posture is what the observation shows when it was made: a snapshot read later is not staler for it.
  const posture = evaluate(estate, policy.policy, new Date(estate.capturedAt), { policyHash: policy.hash });
  // A shard's posture is of some accounts only: its batch carries no summary (the union is read with --source ledger).
  const receipt = await ledger.recordCollection(
    collectionFromEstate(estate, {
      collectedAt: now.toISOString(),
      source: sourceSpec,
      ...(options.summary === false ? { policyHash: policy.hash } : { posture }),
      ...(options.observations ? { observations: options.observations } : {}),
    }),
  );
  return { posture, receipt };
}

/** `batch 3: backup 12 new, 1 updated, 300 unchanged; copy …; restore …[; audit evidence …]` */
export function describeReceipt(receipt: BatchReceipt): string {
  const kinds = (['backup', 'copy', 'restore'] as const).map((k) => {
    const t = receipt.byKind[k];
    return `${k} ${t.inserted} new, ${t.updated} updated, ${t.unchanged} unchanged`;
  });
  const e = receipt.auditEvidence;
  // Most organizations have no Audit Manager (closed to new customers): say nothing about it then.
  if (e.inserted + e.updated + e.unchanged > 0) kinds.push(`audit evidence ${e.inserted} new, ${e.unchanged} unchanged`);
  return `batch ${receipt.seq}: ${kinds.join('; ')}; chain head ${receipt.hash.slice(0, 16)}…`;
}
