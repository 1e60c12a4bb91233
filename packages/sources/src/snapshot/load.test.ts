import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '@vaultscope/core';
import { loadEstateFile, loadEstateFileInPieces, parseEstate, type EstateBeforeJobs } from './load.js';

const minimal = (): Record<string, unknown> => ({
  format: 'vaultscope.estate/v1',
  capturedAt: '2026-11-21T06:00:00Z',
  accounts: [{ Id: '222222222222', Name: 'payments-prod' }],
  regions: [
    {
      accountId: '222222222222',
      region: 'eu-west-1',
      assets: [
        { arn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/a', resourceType: 'DynamoDB', name: 'a', tags: {} },
        { arn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/b', resourceType: 'DynamoDB', name: 'b', tags: {} },
        { arn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/c', resourceType: 'DynamoDB', name: 'c', tags: {} },
        { arn: 'arn:aws:dynamodb:eu-west-1:222222222222:table/d', resourceType: 'DynamoDB', name: 'd', tags: {} },
      ],
    },
  ],
});

describe('estate loading', () => {
  it('accepts a minimal estate and keeps unknown AWS fields', () => {
    const doc = minimal();
    (doc.accounts as Record<string, unknown>[])[0]!.JoinedMethod = 'CREATED';
    const estate = parseEstate(doc, 'e.json');
    expect(estate.accounts[0]).toMatchObject({ Id: '222222222222', JoinedMethod: 'CREATED' });
  });

  it('names the JSON path of the first problem', () => {
    const doc = minimal();
    ((doc.regions as { assets: Record<string, unknown>[] }[])[0]!.assets[3]!).arn = 42;
    expect(() => parseEstate(doc, 'e.json')).toThrow('e.json: regions[0].assets[3].arn: expected string');
  });

  it.each([
    ['wrong format', { format: 'vaultscope.estate/v2' }, 'e.json: format: expected "vaultscope.estate/v1", got "vaultscope.estate/v2"'],
    ['missing accounts', { accounts: undefined }, 'e.json: accounts: required array is missing'],
    ['bad timestamp', { capturedAt: 'yesterday' }, 'e.json: capturedAt: expected ISO-8601 timestamp'],
    ['an impossible timestamp', { capturedAt: '2026-99-99T99:99' }, 'e.json: capturedAt: expected ISO-8601 timestamp'],
    ['a day that does not exist', { capturedAt: '2026-02-30T00:00:00Z' }, 'e.json: capturedAt: not a calendar date'],
    ['29 February of a common year', { capturedAt: '2100-02-29T00:00:00+01:00' }, 'e.json: capturedAt: not a calendar date'],
    ['31 April in a job', { jobs: { backup: [{ AccountId: '1', BackupJobId: 'j', ResourceArn: 'a', CreationDate: '2026-04-31T00:00:00Z', State: 'COMPLETED' }] } }, 'e.json: jobs.backup[0].CreationDate: not a calendar date'],
    ['a timestamp without a zone', { capturedAt: '2026-11-21T06:00:00' }, 'e.json: capturedAt: expected ISO-8601 timestamp'],
    ['bad job state type', { jobs: { backup: [{ AccountId: '1', BackupJobId: 'j', ResourceArn: 'a', CreationDate: '2026-11-01T00:00:00Z', State: 3 }] } }, 'e.json: jobs.backup[0].State: expected string'],
  ])('rejects %s', (_name, patch, message) => {
    expect(() => parseEstate({ ...minimal(), ...patch }, 'e.json')).toThrow(message);
  });

  it('accepts 29 February of a leap year', () => {
    expect(parseEstate({ ...minimal(), capturedAt: '2028-02-29T06:00:00Z' }, 'e.json').capturedAt).toBe('2028-02-29T06:00:00Z');
    expect(parseEstate({ ...minimal(), capturedAt: '2000-02-29T06:00:00Z' }, 'e.json').capturedAt).toBe('2000-02-29T06:00:00Z');
  });

  it('rewrites AWS CLI offset timestamps to UTC so that evaluation compares like with like', () => {
    const estate = parseEstate(
      {
        ...minimal(),
        capturedAt: '2026-11-21T07:00:00+01:00',
        jobs: { backup: [{ AccountId: '1', BackupJobId: 'j', ResourceArn: 'a', CreationDate: '2026-11-20T23:30:00.123000-02:00', CompletionDate: '2026-11-21T01:45Z', State: 'COMPLETED' }] },
      },
      'e.json',
    );
    expect(estate.capturedAt).toBe('2026-11-21T06:00:00.000Z');
    expect(estate.jobs?.backup?.[0]).toMatchObject({ CreationDate: '2026-11-21T01:30:00.123Z', CompletionDate: '2026-11-21T01:45:00.000Z' });
  });

  it('reports missing and malformed files as one-line InputErrors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultscope-estate-'));
    await expect(loadEstateFile(join(dir, 'none.json'))).rejects.toThrow(`${join(dir, 'none.json')}: file not found`);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": ');
    await expect(loadEstateFile(bad)).rejects.toBeInstanceOf(InputError);
    await expect(loadEstateFile(bad)).rejects.toThrow(/bad\.json: not valid JSON/);
  });

  it('in pieces, tells the accounts and Regions once read, before the jobs, then loads the whole estate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultscope-load-'));
    const doc = { ...minimal(), jobs: { backup: [], copy: [] } };
    const path = join(dir, 'estate.json');
    writeFileSync(path, JSON.stringify(doc));
    const told: { start: EstateBeforeJobs; jobsThen: boolean }[] = [];
    const estate = await loadEstateFileInPieces(path, { onBeforeJobs: (start) => told.push({ start, jobsThen: 'jobs' in start }) });
    expect(told).toHaveLength(1);
    expect(told[0]?.jobsThen).toBe(false);
    expect(told[0]?.start.accounts.map((a) => a.Id)).toEqual(['222222222222']);
    expect(told[0]?.start.regions[0]?.assets).toHaveLength(4);
    expect(estate.jobs).toEqual({ backup: [], copy: [] });

    // Jobs written before the Regions: nothing to tell early (the whole file is read by then).
    const jobsFirst = join(dir, 'jobs-first.json');
    writeFileSync(jobsFirst, `{"jobs":${JSON.stringify(doc.jobs)},${JSON.stringify({ ...minimal() }).slice(1)}`);
    let early = 0;
    const same = await loadEstateFileInPieces(jobsFirst, { onBeforeJobs: () => early++ });
    expect(early).toBe(0);
    expect(same.regions[0]?.assets).toHaveLength(4);
  });
});
