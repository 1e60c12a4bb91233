/**
 * The published JSON Schemas of the two public formats, generated from the zod schemas the code validates
 * with, so the documentation cannot drift from the loader.
 */
import { z } from 'zod';
import { estateSchema } from './estate/schema.js';
import { postureSchema } from './posture/schema.js';
import { policySchema } from './policy/schema.js';

const BASE = 'https://vaultscope.dev/schemas';

function toSchema(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  return { $id: `${BASE}/${id}`, title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) };
}

/** File name → JSON Schema document, for `docs/`. */
export function publishedSchemas(): Record<string, Record<string, unknown>> {
  return {
    'estate.schema.json': toSchema(estateSchema, 'estate-v1.json', 'vaultscope.estate/v1'),
    'posture.schema.json': toSchema(postureSchema, 'posture-v1.json', 'vaultscope.posture/v1'),
    'policy.schema.json': toSchema(policySchema, 'policy-v1.json', 'Vaultscope policy (YAML), version 1'),
  };
}
