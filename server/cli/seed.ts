import { seedDemoAccounts } from '../../seed/demo-accounts.js';
import { seedDemoData } from '../../seed/demo-data.js';
import { seedLarge } from '../../seed/large/seed-large.js';
import { createAuthServices } from '../auth/auth-services.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { embeddedDirIn, openDatabase, type Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { cliLock } from './cli-lock.js';
import { runCommand } from './run-command.js';
import { parseSeedArgs } from './seed-flags.js';

/**
 * `npm run seed -- --profile demo|large`: deterministic synthetic data (no real person) in the database of
 * DATABASE_URL, or the embedded one in DATA_DIR (stop the server first). Both start with the full demo's
 * accounts (the demo logins with DEMO_PASSWORD, a team per governorate, every site of the programme's list)
 * when the database has none. `demo` is what demo mode loads; `large` is the benchmark data set.
 */
const usage = `Usage: npm run seed -- --profile demo|large [--seed N] [--scale F] [--now ISO]
  --profile demo    what demo mode loads: about 500 beneficiaries over 18 months (DEMO_POPULATION generated
                    around the forty hand-written ones), written as demo mode writes them (once per database)
  --profile large   at least 1,000,000 resources for benchmarks, in bulk (--scale 0.1 for a tenth)
  --seed N          another deterministic data set (default: the demo everyone knows)
  --now ISO         the moment the data is set back from (default: now)`;

process.exitCode = await runCommand(usage, async () => {
  const flags = parseSeedArgs(process.argv.slice(2));
  // The seeded logins use the demo password, which the password policy accepts in demo mode only.
  const config = loadConfig({ ...process.env, DEMO_MODE: 'true' });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const now = flags.now === undefined ? new Date() : new Date(flags.now);
  let store: Database | undefined;
  try {
    store = await openDatabase({ databaseUrl: config.databaseUrl, embeddedDir: embeddedDirIn(config.dataDir), lock: cliLock('seed') });
    await migrate(store.pool);
    const auth = createAuthServices({ pool: store.pool, config });
    const accounts = await seedDemoAccounts(auth, config.dataDir, { full: true });
    if (accounts) process.stderr.write(`demo accounts created: ${accounts.usernames.length} logins; doh-demo key in ${accounts.privateKeyFile}\n`);
    if (flags.profile === 'demo') {
      const data = await seedDemoData({ pool: store.pool, config, logger, now, seed: flags.seed, population: config.demo.population });
      return { profile: 'demo', ...(data ?? { note: 'demo beneficiaries already present (or the demo accounts changed): nothing written' }) };
    }
    const progress = (line: string): void => void process.stderr.write(`${line}\n`);
    return { profile: 'large', ...(await seedLarge({ pool: store.pool, config, logger, now, seed: flags.seed, scale: flags.scale ?? 1, progress })) };
  } finally {
    await store?.close();
  }
});
