/**
 * The keys that act on the row under the cursor or the list as shown — `c` copies a fix command (OSC 52 and a
 * file under the state directory), `y` shows the raw AWS object, `ctrl-s` saves the list to CSV — through the
 * real app.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderApp } from '../testing/renderApp.js';
import { tinyEstate, tinyOrgData } from '../testing/tinyEstate.js';

afterEach(() => cleanup());

const customers = 'arn:aws:dynamodb:eu-west-1:222222222222:table/customers';
const cursorLine = (frame: string): string => frame.split('\n').find((l) => l.startsWith('›')) ?? '';
const CTRL_S = '\u0013';

/** Moves the cursor down until its line satisfies `wanted`. */
async function downTo(app: ReturnType<typeof renderApp>, wanted: (line: string) => boolean): Promise<void> {
  for (let i = 0; i < 60 && !wanted(cursorLine(app.frame())); i++) {
    const before = app.frame();
    app.press(KEYS.down);
    await app.waitFor((f) => f !== before);
  }
  expect(wanted(cursorLine(app.frame()))).toBe(true);
}

describe('c copies the fix command', () => {
  it('from the asset view: OSC 52 to the terminal and the state-directory file, and says where', async () => {
    const data = tinyOrgData();
    const finding = data.findingsByArn.get(customers)?.[0];
    if (!finding) throw new Error('customers has no finding');
    const app = renderApp({ data, screen: { kind: 'asset', arn: customers } });
    await app.waitFor((f) => f.includes('Findings ('));
    await downTo(app, (l) => l.includes('fix:'));
    app.press('c');
    const frame = await app.waitFor((f) => f.includes('Copied to the clipboard'));
    const file = join(app.stateDir, 'clipboard.txt');
    expect(frame.replace(/\n/g, '')).toContain('OSC 52');
    expect(readFileSync(file, 'utf8')).toBe(`${finding.remediation}\n`);
    expect(app.terminalWrites).toHaveLength(1);
    const osc = /^\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007$/.exec(app.terminalWrites[0] ?? '');
    expect(Buffer.from(osc?.[1] ?? '', 'base64').toString('utf8')).toBe(finding.remediation);
  });

  it('from the finding detail, where the command is shown whole and flush, character for character', async () => {
    const data = tinyOrgData();
    const finding = [...data.findings].sort((a, b) => b.remediation.length - a.remediation.length)[0];
    if (!finding) throw new Error('no finding');
    const app = renderApp({ data, screen: { kind: 'finding', id: finding.id } });
    await app.waitFor((f) => f.includes('Remediation'));
    await downTo(app, (l) => l.includes(finding.remediation.slice(0, 20)));
    // Continuation lines start flush under the first (no hanging indent), and together they are the command.
    const lines = app.frame().split('\n');
    const at = lines.findIndex((l) => l.startsWith('›'));
    const pieces: string[] = [];
    for (let i = at, seen = 0; i < lines.length && seen < finding.remediation.replace(/ /g, '').length; i++) {
      const piece = (lines[i] ?? '').slice(4).trimEnd();
      if (i > at) expect(lines[i]?.slice(0, 5)).toMatch(/^ {4}\S/);
      pieces.push(piece);
      seen += piece.replace(/ /g, '').length;
    }
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('').replace(/ /g, '')).toBe(finding.remediation.replace(/ /g, ''));
    app.press('c');
    await app.waitFor((f) => f.includes('Copied to the clipboard'));
    expect(readFileSync(join(app.stateDir, 'clipboard.txt'), 'utf8')).toBe(`${finding.remediation}\n`);
  });

  it('from a findings list row; and says so where there is nothing to copy', async () => {
    const data = tinyOrgData();
    const app = renderApp({ data, screen: { kind: 'list', list: 'findings' } });
    await app.waitFor((f) => f.includes('findings, worst first'));
    app.press('c');
    await app.waitFor((f) => f.includes('Copied to the clipboard'));
    expect(readFileSync(join(app.stateDir, 'clipboard.txt'), 'utf8')).toBe(`${data.findings[0]?.remediation}\n`);
    app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('WORST FINDING'));
    app.press('c');
    await app.waitFor((f) => f.includes('Nothing to copy here'));
  });
});

describe('y shows the raw AWS object', () => {
  it('of the asset on screen, scrollable, Esc back', async () => {
    const app = renderApp({ data: tinyOrgData(), screen: { kind: 'asset', arn: customers } });
    await app.waitFor((f) => f.includes('Classification'));
    app.press('y');
    const frame = await app.waitFor((f) => f.includes('customers (raw)'));
    expect(frame).toContain('"resourceType": "DynamoDB"');
    expect(frame).toContain('"DataClassification": "critical"');
    app.press('G');
    await app.waitFor((f) => cursorLine(f).includes('}'));
    app.press(KEYS.escape);
    await app.waitFor((f) => f.includes('Classification') && !f.includes('(raw)'));
  });

  it('of the job under the cursor in a list', async () => {
    const app = renderApp({ data: tinyOrgData(), screen: { kind: 'list', list: 'jobs' } });
    await app.waitFor((f) => f.includes('job-') || f.includes('orders'));
    app.press('y');
    const frame = await app.waitFor((f) => f.includes('(raw)'));
    expect(frame).toMatch(/"BackupJobId": "job-|"RestoreJobId": "restore-/);
  });

  it('says what it shows on a row that has no AWS object', async () => {
    const app = renderApp({ data: tinyOrgData() });
    await app.waitFor((f) => f.includes('payments-prod'));
    app.press('y');
    await app.waitFor((f) => f.includes('y shows the AWS object of an asset, job, plan or vault'));
  });
});

describe('ctrl-s saves the list to CSV', () => {
  it('the rows as filtered, RFC 4180, formula-neutralised, under the state directory, and says the path', async () => {
    const estate = tinyEstate();
    const asset = estate.regions[0]?.assets?.[1];
    if (!asset) throw new Error('tiny estate changed');
    asset.name = '=HYPERLINK("http://evil","x"),2';
    const app = renderApp({ data: tinyOrgData(estate), screen: { kind: 'list', list: 'assets' } });
    await app.waitFor((f) => f.includes('HYPERLINK'));
    app.press('/', 'hyper', KEYS.enter);
    await app.waitFor((f) => f.includes('filter /hyper'));
    app.press(CTRL_S);
    const frame = await app.waitFor((f) => f.includes('Saved 1 rows to'));
    const files = readdirSync(app.stateDir).filter((f) => f.endsWith('.csv'));
    expect(files).toHaveLength(1);
    expect(frame.replace(/\n/g, '')).toContain(app.stateDir.slice(0, 20));
    const csv = readFileSync(join(app.stateDir, files[0] ?? ''), 'utf8');
    const [header, row, end] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toMatch(/^NAME,/);
    expect(row).toContain(`"'=HYPERLINK(""http://evil"",""x""),2"`);
    expect(end).toBe('');
  });

  it('refuses a document', async () => {
    const app = renderApp({ data: tinyOrgData(), screen: { kind: 'asset', arn: customers } });
    await app.waitFor((f) => f.includes('Classification'));
    app.press(CTRL_S);
    await app.waitFor((f) => f.includes('Only lists save to CSV'));
  });
});
