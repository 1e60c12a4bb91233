#!/usr/bin/env node
/**
 * Packs every publishable workspace (each package.json without `"private": true`) from its built dist/, in one
 * `npm pack`, into DIR; prints the tarballs' paths, one a line. Used by the Dockerfile and by the global-install
 * test, so both install exactly what `npm publish` would upload. Run after `npm run build`:
 *   node scripts/packPackages.mjs DIR
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

/** Workspace folders (relative to the root), from the root's `workspaces` globs (`dir/*` or a plain folder). */
export function workspaceDirs() {
  return readJson(join(root, 'package.json')).workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${pattern.slice(0, -2)}/${d.name}`)
      : [pattern],
  ).filter((dir) => existsSync(join(root, dir, 'package.json')));
}

/** The workspaces `npm publish` would publish. */
export function publishableDirs() {
  return workspaceDirs().filter((dir) => readJson(join(root, dir, 'package.json')).private !== true);
}

/** Packs them into `dest`; returns the tarball paths. */
export function packPackages(dest) {
  const dirs = publishableDirs();
  mkdirSync(dest, { recursive: true });
  for (const dir of dirs) {
    if (!existsSync(join(root, dir, 'dist'))) throw new Error(`${dir}: not built (run npm run build first)`);
  }
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(dest), ...dirs.flatMap((d) => ['--workspace', d])], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out).map((p) => join(resolve(dest), p.filename));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dest = process.argv[2];
  if (!dest) {
    process.stderr.write('usage: node scripts/packPackages.mjs DIR\n');
    process.exit(2);
  }
  process.stdout.write(`${packPackages(dest).join('\n')}\n`);
}
