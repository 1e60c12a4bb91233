/**
 * A fast, allocation-free acceptance check compiled from the same zod schema the loader reports errors with.
 *
 * Estates reach hundreds of megabytes; zod's parse copies every object, which doubles the heap and costs more
 * than JSON.parse itself. The estate schema is made only of loose objects, so a value that passes this check
 * is exactly what zod would return. When the check fails, the loader runs zod for its precise JSON-path message.
 * Compilation refuses any schema feature it does not model, so the two can never silently disagree.
 */
import type { z } from 'zod';
type Check = (value: unknown) => boolean;
/** Compiles a zod schema into a boolean check that accepts exactly what zod would accept. */
export declare function compileCheck(schema: z.ZodType): Check;
export {};
