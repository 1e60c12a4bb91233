import { ESTATE_FORMAT, type BackupJob, type Estate } from '@vaultscope/core';
import { describe, expect, it } from 'vitest';
import type { SourceOptions, SourceSpec } from '../source.js';
import { createEstateObserver, DEMO_TICK_MS } from './observe.js';

const NOW = Date.parse('2026-12-03T18:33:00Z');
const job = (id: string, created: string, state: string, completed?: string): BackupJob => ({
  AccountId: '111122223333',
  BackupJobId: id,
  ResourceArn: 'arn:aws:dynamodb:eu-central-1:111122223333:table/orders',
  ResourceType: 'DynamoDB',
  CreationDate: created,
  State: state,
  ...(completed ? { CompletionDate: completed } : {}),
});
const estate = (capturedAt: string, backup: BackupJob[]): Estate => ({ format: ESTATE_FORMAT, capturedAt, source: 'aws', accounts: [], regions: [], jobs: { backup } });

describe('createEstateObserver', () => {
  it('observes the demo as of each tick: one observation per tick, at the tick', async () => {
    const asked: number[] = [];
    const observe = createEstateObserver({ kind: 'demo' }, {
      seed: 7,
      loadSource: async (_spec: SourceSpec, o: SourceOptions) => {
        asked.push(o.now().getTime());
        expect(o.seed).toBe(7);
        return estate(o.now().toISOString(), []);
      },
    });
    const first = await observe(NOW);
    expect(await observe(NOW + 1)).toBe(first);
    await observe(NOW + DEMO_TICK_MS);
    expect(asked).toEqual([Math.floor(NOW / DEMO_TICK_MS) * DEMO_TICK_MS, Math.floor((NOW + DEMO_TICK_MS) / DEMO_TICK_MS) * DEMO_TICK_MS]);
  });

  it('polls AWS incrementally: a full collection, then jobs since the oldest unfinished one, merged by id', async () => {
    const since: (string | undefined)[] = [];
    const answers = [
      estate('2026-12-03T18:33:00Z', [job('done', '2026-12-03T10:00:00Z', 'COMPLETED', '2026-12-03T10:05:00Z'), job('run', '2026-12-03T18:00:00Z', 'RUNNING')]),
      estate('2026-12-03T18:34:00Z', [job('run', '2026-12-03T18:00:00Z', 'COMPLETED', '2026-12-03T18:33:30Z'), job('new', '2026-12-03T18:33:40Z', 'RUNNING')]),
    ];
    const observe = createEstateObserver({ kind: 'aws' }, {
      aws: { regions: ['eu-central-1'] },
      loadSource: async (_spec, o) => {
        since.push(o.aws?.since?.toISOString());
        expect(o.aws?.regions).toEqual(['eu-central-1']);
        return answers.shift() as Estate;
      },
    });
    await observe(NOW);
    const second = await observe(NOW + 60_000);
    // No since on the first collection; then a day before the newest job, or the running one if older.
    expect(since).toEqual([undefined, '2026-12-02T18:00:00.000Z']);
    const states = Object.fromEntries((second.jobs?.backup ?? []).map((j) => [j.BackupJobId, j.State]));
    expect(states).toEqual({ done: 'COMPLETED', run: 'COMPLETED', new: 'RUNNING' });
  });
});
