import { z } from 'zod';

/**
 * The load suite's settings, from the environment (checked; a bad value stops the suite naming it). The
 * defaults are the issue's: 50 staff for five minutes on one API process.
 */
const settingsSchema = z
  .object({
    RELIABILITY_LOAD_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
    RELIABILITY_LOAD_STAFF: z.coerce.number().int().min(3).max(500).default(50),
    /** API processes on the one database; staff are spread over them in turn */
    RELIABILITY_LOAD_PROCESSES: z.coerce.number().int().min(1).max(8).default(1),
    /** `nginx`: every request goes through deploy/nginx's configuration in front of the processes */
    RELIABILITY_LOAD_PROXY: z.enum(['none', 'nginx']).default('none'),
    RELIABILITY_LOAD_THINK_MIN_MS: z.coerce.number().int().min(0).max(60_000).default(100),
    RELIABILITY_LOAD_THINK_MAX_MS: z.coerce.number().int().min(0).max(60_000).default(900),
    /** beneficiaries registered at each site before the day starts, with three scores each on average */
    RELIABILITY_LOAD_PATIENTS_PER_SITE: z.coerce.number().int().min(10).max(100_000).default(300),
    RELIABILITY_LOAD_SEED: z.coerce.number().int().default(1),
  })
  .refine((s) => s.RELIABILITY_LOAD_THINK_MIN_MS <= s.RELIABILITY_LOAD_THINK_MAX_MS, {
    message: 'must not exceed RELIABILITY_LOAD_THINK_MAX_MS',
    path: ['RELIABILITY_LOAD_THINK_MIN_MS'],
  });

export interface LoadSettings {
  seconds: number;
  staff: number;
  processes: number;
  proxy: 'none' | 'nginx';
  thinkMs: { min: number; max: number };
  patientsPerSite: number;
  seed: number;
}

export function loadSettings(env: NodeJS.ProcessEnv): LoadSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`load suite settings: ${problems}`);
  }
  const s = parsed.data;
  return {
    seconds: s.RELIABILITY_LOAD_SECONDS,
    staff: s.RELIABILITY_LOAD_STAFF,
    processes: s.RELIABILITY_LOAD_PROCESSES,
    proxy: s.RELIABILITY_LOAD_PROXY,
    thinkMs: { min: s.RELIABILITY_LOAD_THINK_MIN_MS, max: s.RELIABILITY_LOAD_THINK_MAX_MS },
    patientsPerSite: s.RELIABILITY_LOAD_PATIENTS_PER_SITE,
    seed: s.RELIABILITY_LOAD_SEED,
  };
}
