import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { publishedSchemas } from './schemaDocs.js';

describe('published JSON Schemas', () => {
  it.each(Object.entries(publishedSchemas()))('docs/%s matches the schema the loader validates with', (name, schema) => {
    const published: unknown = JSON.parse(readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8'));
    // If this fails, run: npm run build && npm run schemas -w @vaultscope/core
    expect(published).toEqual(schema);
  });

  it('keeps the contract names of FORMATS.md', () => {
    const estate = publishedSchemas()['estate.schema.json'] as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(estate.properties)).toEqual(expect.arrayContaining(['format', 'capturedAt', 'organization', 'accounts', 'regions', 'jobs', 'auditManager', 'errors']));
    expect(estate.required).toEqual(expect.arrayContaining(['format', 'capturedAt', 'accounts', 'regions']));
    const posture = publishedSchemas()['posture.schema.json'] as { properties: Record<string, unknown> };
    expect(Object.keys(posture.properties)).toEqual(expect.arrayContaining(['format', 'evaluatedAt', 'estateCapturedAt', 'summary', 'assets', 'findings', 'notEvaluated']));
  });
});
