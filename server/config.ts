import path from 'node:path';
import { z } from 'zod';

/** Keys whose values are secrets: never printed, never logged. */
const SECRET_KEYS = new Set(['DATABASE_URL']);

const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');

// z.coerce.number() would read " " as 0 (a random port); a number here is digits and nothing else.
const wholeNumber = (rule: z.ZodNumber) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(rule);

const configSchema = z.object({
  PORT: wholeNumber(z.number().int().min(0).max(65535)).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  SOPDESK_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// URL (leave it unset for the embedded SQLite database)')
    .optional(),
  SOPDESK_DEMO: booleanFlag.default(true),
  SOPDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // It starts the links sopdesk hands out (password set-up), so only a web address will do.
  SOPDESK_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).optional(),
  SOPDESK_SESSION_IDLE_MINUTES: wholeNumber(z.number().int().min(5).max(60 * 24 * 7)).default(60 * 8),
  SOPDESK_SESSION_ABSOLUTE_HOURS: wholeNumber(z.number().int().min(1).max(24 * 90)).default(24 * 7),
  SOPDESK_BODY_LIMIT_BYTES: wholeNumber(z.number().int().min(1024).max(100 * 1024 * 1024)).default(1024 * 1024),
  SOPDESK_SECURE_COOKIES: booleanFlag.optional(),
});

type ParsedConfig = z.output<typeof configSchema>;

export type Config = Readonly<
  ParsedConfig & {
    database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
    secureCookies: boolean;
  }
>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once into a frozen configuration; a bad value throws a ConfigError naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most twelve-factor apps.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const key = issue.path.join('.');
        const shown = SECRET_KEYS.has(key) ? '(hidden)' : JSON.stringify(present[key]);
        return `${key}=${shown}: ${issue.message}`;
      }),
    );
  }
  const parsed = result.data;
  const dataDir = path.resolve(parsed.SOPDESK_DATA_DIR);
  // Frozen all the way down: nothing may change where the database is once sopdesk has started.
  return Object.freeze({
    ...parsed,
    SOPDESK_DATA_DIR: dataDir,
    database: Object.freeze(
      parsed.DATABASE_URL
        ? { kind: 'postgres' as const, url: parsed.DATABASE_URL }
        : { kind: 'sqlite' as const, file: path.join(dataDir, 'sopdesk.db') },
    ),
    secureCookies: parsed.SOPDESK_SECURE_COOKIES ?? (parsed.SOPDESK_PUBLIC_URL?.startsWith('https://') ?? false),
  });
}

/** The configuration with secrets masked, for start-up messages. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    host: config.HOST,
    port: config.PORT,
    dataDir: config.SOPDESK_DATA_DIR,
    database: config.database.kind === 'postgres' ? 'postgres (DATABASE_URL)' : config.database.file,
    demo: config.SOPDESK_DEMO,
  };
}
