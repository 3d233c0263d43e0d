import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createOrganization, createOrganizationInput } from '../auth/admin/create-organization.js';
import { createSite, createSiteInput } from '../auth/admin/create-site.js';
import { createSystemClient, createSystemClientInput } from '../auth/admin/create-system-client.js';
import { createUser, createUserInput } from '../auth/admin/create-user.js';
import { deactivateUser } from '../auth/admin/deactivate-user.js';
import { reactivateUser } from '../auth/admin/reactivate-user.js';
import { resetTotp } from '../auth/admin/reset-totp.js';
import { createAuthServices, type AuthServices } from '../auth/auth-services.js';
import { parseInput } from '../auth/parse-input.js';
import { loadConfig } from '../config.js';
import { getSearchParameter } from '../fhir/definitions.js';
import { listAccounts } from '../store/accounts.js';
import { archiveAuditMonth, ensureAuditPartitions } from '../store/audit-partitions.js';
import { embeddedDirIn, openDatabase, type Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { reindexParameters } from '../store/reindex.js';
import { reportOperatorError } from './run-command.js';
import { cliLock } from './cli-lock.js';

/**
 * `npm run admin -- <command> --flag value …`: the admin use cases from a shell on the server, for a fresh
 * production install (the first admin) and for recovery. Uses DATABASE_URL / DATA_DIR like the server;
 * with the embedded database, stop the server first (one process at a time may open it; the embedded lock
 * refuses this command while the server runs).
 */
const usage = `Usage: npm run admin -- <command> [flags]
  create-organization --name NAME [--type prov|govt|...] [--part-of ORG_ID]
  create-site --name NAME --organization ORG_ID [--governorate NAME] [--kind camp|town|hospital|primary-health-centre|...]
  create-user --username NAME --role ROLE --organization ORG_ID [--sites ID,ID] --given-name NAME [--family-name NAME] [--password PW]
              (without --password, the first line of standard input is the password)
  deactivate-user --username NAME
  reactivate-user --username NAME     lets a deactivated account sign in again
  enrol-totp --username NAME          new second factor; prints the otpauth:// URI to scan
  create-client --client-id ID --name NAME (--jwks-file FILE | --jwks-url URL) --scopes system/*.rs[,…] [--organization ORG_ID]
                [--full-access]     a data-migration client: every record, PSY included; deactivate after use
  list-users
  reindex --type Patient --params name-key,phone-key
                                      index search parameters added after the resources were written
  archive-audit-month --month YYYY-MM --out FILE
                                      takes a past month out of the audit trail: detached, kept as table
                                      audit_archive_YYYY_MM, written to FILE (NDJSON); nothing is dropped`;

const flags = {
  name: { type: 'string' },
  type: { type: 'string' },
  'part-of': { type: 'string' },
  organization: { type: 'string' },
  governorate: { type: 'string' },
  kind: { type: 'string' },
  username: { type: 'string' },
  role: { type: 'string' },
  sites: { type: 'string' },
  'given-name': { type: 'string' },
  'family-name': { type: 'string' },
  password: { type: 'string' },
  'client-id': { type: 'string' },
  'jwks-file': { type: 'string' },
  'jwks-url': { type: 'string' },
  scopes: { type: 'string' },
  'full-access': { type: 'boolean' },
  params: { type: 'string' },
  month: { type: 'string' },
  out: { type: 'string' },
} as const;

type Flags = Partial<Record<Exclude<keyof typeof flags, 'full-access'>, string>> & { 'full-access'?: boolean };
const list = (v: string | undefined): string[] | undefined => v?.split(',').map((s) => s.trim()).filter(Boolean);
const reindexFlags = z.object({
  type: z.string({ error: '--type is required' }).regex(/^[A-Z][A-Za-z]+$/, '--type is a resource type'),
  params: z.string({ error: '--params is required' }).min(1, '--params is required'),
});
const archiveFlags = z.object({
  month: z.string({ error: '--month is required' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, '--month is YYYY-MM'),
  out: z.string({ error: '--out is required' }).min(1, '--out is required'),
});
const usernameFlag = z.object({ username: z.string({ error: '--username is required' }).min(1, '--username is required') });

const commands: Record<string, (auth: AuthServices, f: Flags) => Promise<unknown>> = {
  'create-organization': (auth, f) =>
    createOrganization(auth, parseInput(createOrganizationInput, { name: f.name, type: f.type, partOf: f['part-of'] })),
  'create-site': (auth, f) =>
    createSite(auth, parseInput(createSiteInput, { name: f.name, organization: f.organization, governorate: f.governorate, kind: f.kind })),
  'create-user': async (auth, f) => {
    const input = {
      username: f.username,
      role: f.role,
      organization: f.organization,
      sites: list(f.sites),
      givenName: f['given-name'],
      familyName: f['family-name'],
    };
    parseInput(createUserInput.omit({ password: true }), input); // report flag mistakes before asking for the password
    return createUser(auth, parseInput(createUserInput, { ...input, password: f.password ?? (await firstLineOfStdin()) }));
  },
  'deactivate-user': async (auth, f) => {
    const { username } = usernameFlag.parse(f);
    await deactivateUser(auth, username);
    return { deactivated: username };
  },
  'reactivate-user': (auth, f) => reactivateUser(auth, usernameFlag.parse(f).username),
  'enrol-totp': (auth, f) => resetTotp(auth, usernameFlag.parse(f).username),
  'create-client': (auth, f) =>
    createSystemClient(
      auth,
      parseInput(createSystemClientInput, {
        clientId: f['client-id'],
        name: f.name,
        jwks: f['jwks-file'] ? (JSON.parse(fs.readFileSync(f['jwks-file'], 'utf8')) as unknown) : undefined,
        jwksUrl: f['jwks-url'],
        scopes: list(f.scopes),
        organization: f.organization,
        fullAccess: f['full-access'] === true,
      }),
    ),
  reindex: async (auth, f) => {
    const { type, params } = reindexFlags.parse(f);
    const names = list(params) ?? [];
    const unknown = names.filter((name) => getSearchParameter(type, name) === undefined);
    if (unknown.length > 0) throw new z.ZodError([{ code: 'custom', path: ['params'], message: `${type} has no search parameter ${unknown.join(', ')}`, input: params }]);
    return { resourceType: type, params: names, reindexed: await reindexParameters(auth.pool, type, names) };
  },
  'archive-audit-month': async (auth, f) => {
    const { month, out } = archiveFlags.parse(f);
    return archiveAuditMonth(auth.pool, month, out, auth.clock());
  },
  'list-users': async (auth) =>
    (await listAccounts(auth.pool)).map((a) => ({ username: a.username, role: a.role, organizationId: a.organizationId, active: a.active })),
};

async function firstLineOfStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password (input is shown; prefer piping it in): ');
  for await (const chunk of process.stdin) {
    return String(chunk).split(/\r?\n/)[0] ?? '';
  }
  return '';
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ options: flags, allowPositionals: true, strict: true });
  const command = commands[positionals[0] ?? ''];
  if (!command || positionals.length !== 1) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const config = loadConfig();
  let store: Database | undefined;
  try {
    store = await openDatabase({ databaseUrl: config.databaseUrl, embeddedDir: embeddedDirIn(config.dataDir), lock: cliLock('admin') });
    await migrate(store.pool);
    await ensureAuditPartitions(store.pool, new Date());
    const result = await command(createAuthServices({ pool: store.pool, config }), values);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (err) {
    return reportOperatorError(err);
  } finally {
    await store?.close();
  }
}

process.exitCode = await main();
