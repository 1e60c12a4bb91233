import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NotInPiecesError, readJsonInPieces } from './readJsonInPieces.js';

const dir = mkdtempSync(join(tmpdir(), 'vaultscope-pieces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileWith = (text: string): string => {
  const path = join(dir, `f${n++}.json`);
  writeFileSync(path, text);
  return path;
};

/** Every chunk size from 1 byte up, so every value is cut at every place a chunk can end. */
async function readAllWays(text: string): Promise<unknown[]> {
  const path = fileWith(text);
  const sizes = [1, 2, 3, 5, 7, 16, 64, 4096];
  return Promise.all(sizes.map((size) => readJsonInPieces(path, size)));
}

const documents: [string, string][] = [
  ['an estate-like document', JSON.stringify({ format: 'vaultscope.estate/v1', capturedAt: '2026-12-01T00:00:00Z', accounts: [{ Id: '1', Name: 'a' }], regions: [{ accountId: '1', region: 'eu-west-1', assets: [{ arn: 'arn:x', tags: { k: 'v' }, attributes: { a: [1, 2, { b: null }] } }] }], jobs: { backup: [{ BackupJobId: 'j1', State: 'COMPLETED', Size: 1.5e3, CreatedBy: { BackupPlanId: 'p' } }, { BackupJobId: 'j2', Neg: -0.25, Ok: true, No: false, None: null }], copy: [] } })],
  ['white space everywhere, escapes, unicode and brackets inside strings', ' \n{ "a" : [ 1 , "x\\"]}{[,:" , "\\\\" , "é — 漢字 😀" , { "k" : "\\u00e9\\n" } ] ,\t"b" : { "c" : { "d" : [ [ ] , { } ] } } , "e":""}\r\n'],
  ['a root array', '[1,"two",{"three":[3]},[[4]],null,true]'],
  ['a root scalar', '42'],
  ['a root number ending with the file', '-1.5e+3'],
  ['a root string', '"just text"'],
  ['empty containers', '{"a":{},"b":[],"c":[{}],"d":{"e":[]}}'],
  ['duplicate keys (the last wins) and __proto__ as a key', '{"a":1,"b":{"x":1},"a":2,"__proto__":{"polluted":true},"b":{"y":2}}'],
];

describe('readJsonInPieces', () => {
  it.each(documents)('reads %s as JSON.parse does, whatever the chunk size', async (_, text) => {
    const expected = JSON.parse(text) as unknown;
    for (const value of await readAllWays(text)) {
      expect(value).toEqual(expected);
      expect(JSON.stringify(value)).toBe(JSON.stringify(expected));
    }
  });

  it('tells each top-level member once it is read whole, with the object as read so far, at every chunk size', async () => {
    const text = '{"capturedAt":"t","accounts":[{"Id":"1"}],"regions":[{"assets":[1,2]},{"assets":[3]}],"jobs":{"backup":[{"x":"}"}]},"n":7}';
    const path = fileWith(text);
    for (const size of [1, 2, 3, 5, 7, 16, 64, 4096]) {
      const seen: string[] = [];
      const value = await readJsonInPieces(path, size, (root, key) => {
        // The member just read is there whole, and nothing after it yet.
        seen.push(`${key}:${Object.keys(root).join(',')}:${JSON.stringify(root[key])}`);
      });
      expect(value).toEqual(JSON.parse(text));
      expect(seen, `chunk size ${size}`).toEqual([
        'capturedAt:capturedAt:"t"',
        'accounts:capturedAt,accounts:[{"Id":"1"}]',
        'regions:capturedAt,accounts,regions:[{"assets":[1,2]},{"assets":[3]}]',
        'jobs:capturedAt,accounts,regions,jobs:{"backup":[{"x":"}"}]}',
        'n:capturedAt,accounts,regions,jobs,n:7',
      ]);
    }
    // Nothing for members deeper down, or a root that is not an object.
    const calls: string[] = [];
    await readJsonInPieces(fileWith('[{"a":1},{"b":2}]'), 4, (_, key) => calls.push(key));
    expect(calls).toEqual([]);
  });

  it('keeps __proto__ an own property, never the prototype', async () => {
    const [value] = await readAllWays('{"a":{"__proto__":{"polluted":true}}}');
    const a = (value as { a: object }).a;
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.keys(a)).toEqual(['__proto__']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  const broken = [
    '',
    '   ',
    '{',
    '{"a":1',
    '{"a":1,}',
    '[1,]',
    '[1 2]',
    '{"a" 1}',
    '{a:1}',
    '{"a":1}}',
    '{"a":1} x',
    '{"a":[1,2}',
    '{"a":"unterminated}',
    '{"a":tru}',
    '{"a":01}',
    '{"a":{"b":{"c":[1,}}}}',
    '\uFEFF{"a":1}',
    '{"a":"\u0001"}',
  ];
  it.each(broken)('refuses what JSON.parse refuses: %j', async (text) => {
    expect(() => JSON.parse(text) as unknown).toThrow();
    const path = fileWith(text);
    for (const size of [1, 3, 4096]) await expect(readJsonInPieces(path, size)).rejects.toBeInstanceOf(NotInPiecesError);
  });

  it('fails on a file that cannot be read', async () => {
    await expect(readJsonInPieces(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
