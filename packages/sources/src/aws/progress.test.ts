import { describe, expect, it } from 'vitest';
import { createProgressLine, formatProgress, ProgressTracker, type CollectProgress } from './progress.js';

describe('ProgressTracker', () => {
  it('reports at most once per interval and always once at the end', async () => {
    let now = 0;
    const reports: CollectProgress[] = [];
    const tracker = new ProgressTracker((p) => reports.push(p), () => 42, 100, () => now);
    tracker.setAccounts(3); // first change: reported at once
    tracker.addRegions(6);
    tracker.regionDone();
    expect(reports).toHaveLength(1);
    now = 150;
    tracker.accountDone();
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatchObject({ accountsDone: 1, accountsTotal: 3, regionsDone: 1, regionsTotal: 6, apiCalls: 42, elapsedMs: 150 });
    tracker.errorRecorded();
    tracker.finish();
    tracker.finish();
    expect(reports).toHaveLength(3);
    expect(reports[2]).toMatchObject({ errors: 1, done: true });
  });

  it('works without a listener', () => {
    const tracker = new ProgressTracker(undefined, () => 0);
    tracker.accountDone();
    tracker.finish();
    expect(tracker.snapshot().accountsDone).toBe(1);
  });
});

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 80, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
}

const progress: CollectProgress = { accountsDone: 3, accountsTotal: 20, regionsDone: 12, regionsTotal: 40, apiCalls: 1234, errors: 2, elapsedMs: 4200 };

describe('createProgressLine', () => {
  it('redraws one line on a terminal and erases it at the end', () => {
    const { written, stream } = fakeStream(true);
    const line = createProgressLine(stream);
    line(progress);
    line({ ...progress, done: true });
    expect(written).toEqual([`\r\x1b[2K${formatProgress(progress)}`, '\r\x1b[2K']);
    expect(formatProgress(progress)).toBe('AWS: accounts 3/20 · Regions 12/40 · 1,234 API calls · 2 errors · 4.2 s');
  });

  it('writes nothing when the stream is not a terminal', () => {
    const { written, stream } = fakeStream(false);
    const line = createProgressLine(stream);
    line(progress);
    line({ ...progress, done: true });
    expect(written).toEqual([]);
  });
});
