import { ISO_TIMESTAMP, isValidCanonicalUtc } from '@vaultscope/core';
const isPlainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Accept-only shortcuts: each accepts a subset of what its pattern accepts, so the pattern decides the rest. */
const SHORTCUTS = new Map([[ISO_TIMESTAMP, isValidCanonicalUtc]]);
function patternCheck(pattern) {
    const shortcut = SHORTCUTS.get(pattern);
    return shortcut ? (s) => shortcut(s) || pattern.test(s) : (s) => pattern.test(s);
}
// Checks run once per value of a multi-megabyte estate, so they avoid per-call closures and iterators.
function stringCheck(def) {
    const patterns = (def.checks ?? []).map((c) => {
        const d = c._zod.def;
        // A synchronous boolean refinement (the calendar check of timestamps): the same function decides.
        if (d.check === 'custom' && d.fn) {
            const fn = d.fn;
            return (s) => fn(s) === true;
        }
        if (d.check !== 'string_format' || d.format !== 'regex' || !d.pattern || d.pattern.global || d.pattern.sticky) {
            throw new Error(`fastCheck: unsupported string check ${d.check}/${d.format}`);
        }
        return patternCheck(d.pattern);
    });
    if (patterns.length === 0)
        return (v) => typeof v === 'string';
    if (patterns.length === 1) {
        const only = patterns[0];
        return (v) => typeof v === 'string' && only(v);
    }
    return (v) => {
        if (typeof v !== 'string')
            return false;
        for (let i = 0; i < patterns.length; i++)
            if (!patterns[i](v))
                return false;
        return true;
    };
}
/** Compiles a zod schema into a boolean check that accepts exactly what zod would accept. */
export function compileCheck(schema) {
    const def = schema._zod.def;
    if (def.type !== 'string' && def.checks?.length)
        throw new Error(`fastCheck: unsupported checks on ${def.type}`);
    switch (def.type) {
        case 'string':
            return stringCheck(def);
        case 'number':
            return (v) => typeof v === 'number' && Number.isFinite(v);
        case 'boolean':
            return (v) => typeof v === 'boolean';
        case 'unknown':
        case 'any':
            return () => true;
        case 'literal': {
            const values = def.values ?? [];
            return (v) => values.includes(v);
        }
        case 'enum': {
            const values = new Set(Object.values(def.entries ?? {}));
            return (v) => values.has(v);
        }
        case 'optional': {
            const inner = compileCheck(def.innerType);
            return (v) => v === undefined || inner(v);
        }
        case 'array': {
            const element = compileCheck(def.element);
            return (v) => {
                if (!Array.isArray(v))
                    return false;
                for (let i = 0; i < v.length; i++)
                    if (!element(v[i]))
                        return false;
                return true;
            };
        }
        case 'record': {
            if (def.keyType._zod.def.type !== 'string')
                throw new Error('fastCheck: record keys must be strings');
            const value = compileCheck(def.valueType);
            return (v) => {
                if (!isPlainObject(v))
                    return false;
                for (const key in v)
                    if (!value(v[key]))
                        return false;
                return true;
            };
        }
        case 'union': {
            const options = (def.options ?? []).map(compileCheck);
            return (v) => {
                for (let i = 0; i < options.length; i++)
                    if (options[i](v))
                        return true;
                return false;
            };
        }
        case 'object': {
            const entries = Object.entries(def.shape ?? {});
            const keys = entries.map(([key]) => key);
            const checks = entries.map(([, s]) => compileCheck(s));
            const catchallType = def.catchall ? def.catchall._zod.def.type : undefined;
            // Only loose objects keep unknown keys as they are; strict and strip objects would change the value.
            if (catchallType !== 'unknown')
                throw new Error('fastCheck: only loose objects are supported');
            return (v) => {
                if (!isPlainObject(v))
                    return false;
                for (let i = 0; i < keys.length; i++)
                    if (!checks[i](v[keys[i]]))
                        return false;
                return true;
            };
        }
        default:
            throw new Error(`fastCheck: unsupported schema type ${def.type}`);
    }
}
//# sourceMappingURL=fastCheck.js.map