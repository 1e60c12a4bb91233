// Writes docs/*.schema.json from the built schemas: `npm run schemas -w @vaultscope/core` after a build.
import { writeFileSync } from 'node:fs';
import { publishedSchemas } from '../dist/schemaDocs.js';

for (const [name, schema] of Object.entries(publishedSchemas())) {
  writeFileSync(new URL(`../../../docs/${name}`, import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
}
