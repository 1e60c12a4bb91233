/**
 * The hash chain over ledger batches. A batch's hash covers the previous batch's hash, every entry the batch
 * wrote (id, kind, job id, state, finality and the exact record text, in id order) and the batch header, so
 * changing, adding, removing or reordering anything in a batch — or in any earlier batch — changes the head.
 */
import { createHash, type Hash } from 'node:crypto';

/** The `prev_hash` of the first batch. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed fields of a batch row, in the fixed order they are serialised. */
export interface BatchHeader {
  seq: number;
  kind: string;
  collectedAt: string;
  source: string;
  organizationId: string | null;
  estateCapturedAt: string | null;
  jobsSince: string | null;
  policyHash: string | null;
  summary: string | null;
  note: string | null;
  entryCount: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** One entry as hashed. */
export interface EntryForHash {
  id: number;
  kind: string;
  jobId: string;
  state: string;
  final: number;
  creationDate: string;
  accountId: string;
  record: string;
}

/** Canonical text of a header: a JSON array, so key order can never vary. */
export function headerText(h: BatchHeader): string {
  return JSON.stringify([
    h.seq, h.kind, h.collectedAt, h.source, h.organizationId, h.estateCapturedAt, h.jobsSince, h.policyHash,
    h.summary, h.note, h.entryCount, h.inserted, h.updated, h.unchanged,
  ]);
}

/** Streams a batch's entries into a digest, then seals it with the previous hash and the header. */
export class BatchHasher {
  private readonly entries: Hash = createHash('sha256');

  /** Adds the next entry (in id order). Record text is JSON and ids/times carry no tab or newline. */
  add(e: EntryForHash): void {
    this.entries.update(`${e.id}\t${e.kind}\t${e.jobId}\t${e.state}\t${e.final}\t${e.creationDate}\t${e.accountId}\t${e.record}\n`);
  }

  /** The batch hash. */
  seal(prevHash: string, header: BatchHeader): string {
    return createHash('sha256')
      .update(`vaultscope.ledger/v1\n${prevHash}\n${this.entries.digest('hex')}\n${headerText(header)}`)
      .digest('hex');
  }
}
