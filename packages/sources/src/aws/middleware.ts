/**
 * The small structural slice of the SDK's middleware-stack types that the AWS source needs, so it does not
 * depend on the SDK's internal type packages.
 */

/** What the SDK puts in a handler context (only the fields read here). */
export interface MiddlewareContext {
  clientName?: string;
  commandName?: string;
}

export type Handler = (args: { input: unknown }) => Promise<{ output: unknown }>;

/** An `initialize`-step middleware. */
export type Middleware = (next: Handler, context: MiddlewareContext) => Handler;

/** A `deserialize`-step handler: below the SDK's deserializer it returns the raw HTTP response. */
export type DeserializeHandler = (args: { input: unknown; request?: unknown }) => Promise<{ response: unknown; output?: unknown }>;

/** A `deserialize`-step middleware. */
export type DeserializeMiddleware = (next: DeserializeHandler, context: MiddlewareContext) => DeserializeHandler;

export interface MiddlewareStackLike {
  add(
    middleware: Middleware,
    options: { step: 'initialize'; name: string; priority?: 'high' | 'normal' | 'low'; override?: boolean },
  ): void;
  addRelativeTo(
    middleware: DeserializeMiddleware,
    options: { relation: 'before' | 'after'; toMiddleware: string; name: string; override?: boolean },
  ): void;
  /** Removes the middleware of that name (false when there is none). */
  remove(name: string): boolean;
}
