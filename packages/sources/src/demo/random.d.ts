/**
 * A small seeded pseudo-random generator (mulberry32) and the id shapes AWS uses. Fixtures never call
 * Math.random or read the clock, so the same seed always yields the same organization.
 */
/** Deterministic random source; every method advances the same stream. */
export interface Rng {
    /** Uniform in [0, 1). */
    next(): number;
    /** Integer in [min, max], both inclusive. */
    int(min: number, max: number): number;
    /** True with probability `p`. */
    chance(p: number): boolean;
    /** One element of a non-empty list. */
    pick<T>(items: readonly T[]): T;
    /** `length` lowercase hex digits. */
    hex(length: number): string;
    /** A random (version 4 shaped) UUID, lowercase. */
    uuid(): string;
    /** The same, uppercase (AWS Backup job ids). */
    upperUuid(): string;
}
/** Creates a mulberry32 stream from a 32-bit seed. */
export declare function createRng(seed: number): Rng;
/** Derives an independent seed for one part of a fixture, so adding data to one part leaves the others unchanged. */
export declare function deriveSeed(seed: number, label: string): number;
