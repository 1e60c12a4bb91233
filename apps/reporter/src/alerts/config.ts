/**
 * Where alerts go: a JSON file (`--alert-config FILE`) and/or options (`--webhook-env`, `--slack-env`,
 * `--teams-env`). Secrets never sit in the file or on the command line: webhook URLs (which are bearer secrets for
 * Slack and Teams) and SMTP credentials are read from the environment variables the configuration names.
 */
import { readFile } from 'node:fs/promises';
import { ALERT_KINDS, describeIssue, InputError, type AlertKind } from '@vaultscope/core';
import { z } from 'zod';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name');
const name = z.string().regex(/^[\w.-]+$/, 'expected letters, digits, "_", "-" or "."').optional();
const address = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, 'expected an e-mail address');

const sinkSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('webhook'), name, urlEnv: envName }),
  z.strictObject({ type: z.literal('slack'), name, urlEnv: envName }),
  z.strictObject({ type: z.literal('teams'), name, urlEnv: envName }),
  z.strictObject({
    type: z.literal('email'),
    name,
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    /** Implicit TLS (port 465); otherwise STARTTLS is used when the server offers it, required when `requireTls`. */
    secure: z.boolean().optional(),
    requireTls: z.boolean().optional(),
    userEnv: envName.optional(),
    passwordEnv: envName.optional(),
    from: address,
    to: z.array(address).min(1),
  }),
]);

export const alertConfigSchema = z.strictObject({
  sinks: z.array(sinkSchema).min(1),
  /** Only these kinds (default: all). */
  kinds: z.array(z.enum(ALERT_KINDS)).min(1).optional(),
  /** How long ago a job may have ended to be new (default 24). */
  lookbackHours: z.number().positive().max(24 * 3660).optional(),
  retry: z.strictObject({ attempts: z.number().int().min(1).max(10), initialDelayMs: z.number().int().min(0).max(600_000) }).partial().optional(),
});

export type SinkSpec = z.infer<typeof sinkSchema>;

/** A sink ready to send to: its secrets resolved from the environment. */
export type Sink =
  | { kind: 'webhook' | 'slack' | 'teams'; name: string; url: string }
  | {
      kind: 'email';
      name: string;
      host: string;
      port: number;
      secure: boolean;
      requireTls: boolean;
      auth?: { user: string; pass: string };
      from: string;
      to: string[];
    };

/** The resolved alerting set-up. */
export interface AlertSetup {
  sinks: Sink[];
  kinds: ReadonlySet<AlertKind>;
  lookbackHours: number;
  retry: { attempts: number; initialDelayMs: number };
}

/** The options that configure alerting (`alert` and `schedule`). */
export interface AlertOptions {
  alertConfig?: string;
  webhookEnv?: string;
  slackEnv?: string;
  teamsEnv?: string;
  lookbackHours?: string;
}

export const DEFAULT_RETRY = { attempts: 4, initialDelayMs: 1000 } as const;

/** Reads and validates the configuration file: one line naming the file and the JSON path on any problem. */
async function readConfig(file: string): Promise<z.infer<typeof alertConfigSchema>> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`--alert-config: ${file}: ${error.code === 'ENOENT' ? 'file not found' : (error.code ?? 'cannot read')}`, { cause: error });
  });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not JSON (${(error as Error).message})`, { cause: error });
  }
  const result = alertConfigSchema.safeParse(value, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(`${file}: ${issue ? describeIssue(issue) : 'invalid alert configuration'}`, { cause: result.error });
  }
  return result.data;
}

/** The value of an environment variable a sink names; `where` says which setting named it. */
function secret(env: NodeJS.ProcessEnv, variable: string, where: string): string {
  const value = env[variable];
  if (value === undefined || value === '') throw new InputError(`${where}: environment variable ${variable} is not set`);
  return value;
}

function webhookUrl(value: string, where: string, variable: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Never echo the value: it is a secret.
    throw new InputError(`${where}: environment variable ${variable} does not hold a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(`${where}: environment variable ${variable} does not hold an http(s) URL`);
  return value;
}

/**
 * The sinks of the configuration file and of the options together, secrets resolved. Undefined when nothing is
 * configured (alerting off).
 */
export async function loadAlertSetup(options: AlertOptions, env: NodeJS.ProcessEnv = process.env): Promise<AlertSetup | undefined> {
  const file = options.alertConfig ? await readConfig(options.alertConfig) : undefined;
  const specs: { spec: SinkSpec; where: string }[] = (file?.sinks ?? []).map((spec, i) => ({ spec, where: `${options.alertConfig}: sinks[${i}]` }));
  for (const [type, variable] of [['webhook', options.webhookEnv], ['slack', options.slackEnv], ['teams', options.teamsEnv]] as const) {
    if (variable === undefined) continue;
    if (!envName.safeParse(variable).success) throw new InputError(`--${type}-env: "${variable}" is not an environment variable name`);
    specs.push({ spec: { type, urlEnv: variable }, where: `--${type}-env` });
  }
  if (!specs.length) return undefined;
  const sinks = specs.map(({ spec, where }): Sink => {
    const sinkName = spec.name ? `${spec.type}:${spec.name}` : spec.type;
    if (spec.type !== 'email') {
      const at = where.startsWith('--') ? where : `${where}.urlEnv`;
      return { kind: spec.type, name: sinkName, url: webhookUrl(secret(env, spec.urlEnv, at), at, spec.urlEnv) };
    }
    if ((spec.userEnv === undefined) !== (spec.passwordEnv === undefined)) throw new InputError(`${where}: userEnv and passwordEnv go together`);
    const auth = spec.userEnv && spec.passwordEnv ? { user: secret(env, spec.userEnv, `${where}.userEnv`), pass: secret(env, spec.passwordEnv, `${where}.passwordEnv`) } : undefined;
    return {
      kind: 'email',
      name: sinkName,
      host: spec.host,
      port: spec.port,
      secure: spec.secure ?? spec.port === 465,
      requireTls: spec.requireTls ?? false,
      ...(auth ? { auth } : {}),
      from: spec.from,
      to: spec.to,
    };
  });
  const names = new Set<string>();
  for (const s of sinks) {
    if (names.has(s.name)) throw new InputError(`${options.alertConfig ?? 'alert sinks'}: two sinks are called "${s.name}"; give each a distinct "name"`);
    names.add(s.name);
  }
  let lookbackHours = file?.lookbackHours ?? 24;
  if (options.lookbackHours !== undefined) {
    lookbackHours = Number(options.lookbackHours);
    if (!/^\d+(\.\d+)?$/.test(options.lookbackHours) || lookbackHours <= 0 || lookbackHours > 24 * 3660) {
      throw new InputError(`--lookback-hours: expected a number of hours from 1 to ${24 * 3660}, got "${options.lookbackHours}"`);
    }
  }
  return {
    sinks,
    kinds: new Set(file?.kinds ?? ALERT_KINDS),
    lookbackHours,
    retry: { attempts: file?.retry?.attempts ?? DEFAULT_RETRY.attempts, initialDelayMs: file?.retry?.initialDelayMs ?? DEFAULT_RETRY.initialDelayMs },
  };
}
