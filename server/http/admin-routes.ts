import express from 'express';
import { createOrganization } from '../auth/admin/create-organization.js';
import { createSite } from '../auth/admin/create-site.js';
import { createSystemClient } from '../auth/admin/create-system-client.js';
import { createUser } from '../auth/admin/create-user.js';
import { deactivateUser } from '../auth/admin/deactivate-user.js';
import { reactivateUser } from '../auth/admin/reactivate-user.js';
import { resetTotp } from '../auth/admin/reset-totp.js';
import type { AuthServices } from '../auth/auth-services.js';
import { installTextPack } from '../clinical/install-text-pack.js';
import { notFound } from '../fhir/outcomes.js';
import { listAccounts } from '../store/accounts.js';
import { deactivateSystemClient, listSystemClients } from '../store/accounts-clients.js';
import { Repository } from '../store/repository.js';
import { listInstalledTextPacks } from '../store/text-packs.js';
import type { AuditLog } from '../audit/audit-log.js';
import { recordAuthEvent } from '../audit/auth-events.js';
import { jsonBody } from './request-body.js';
import { authenticate, principalOf, requireStaffRole, staffPrincipalOf } from './authenticate.js';

/**
 * The admin API (`/admin/...`), for the admin role only: organisations, sites, users, system clients and
 * text packs.
 * Bodies are checked by each use case's zod schema; what is created is answered with 201.
 */
export function adminRoutes(auth: AuthServices, audit: AuditLog): express.Router {
  const routes = express.Router();
  /** Every change made through the admin API is in the audit trail, as the admin who made it. */
  const recorded = async (req: express.Request, res: express.Response, description: string, resources: string[] = []) =>
    recordAuthEvent(
      audit,
      { subtype: 'operation', action: req.method === 'POST' && res.statusCode === 201 ? 'C' : 'U', agent: principalOf(res), success: true, address: req.ip, description, resources },
      auth.clock(),
    );
  routes.use(...jsonBody({ limit: '64kb' }), authenticate(auth), requireStaffRole('admin'));
  routes.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  routes.post('/organizations', async (req, res) => {
    const org = await createOrganization(auth, req.body);
    res.status(201);
    await recorded(req, res, 'create organization', [`Organization/${org.id}`]);
    res.json(org);
  });
  routes.post('/sites', async (req, res) => {
    const site = await createSite(auth, req.body);
    res.status(201);
    await recorded(req, res, 'create site', [`Location/${site.id}`]);
    res.json(site);
  });

  routes.post('/users', async (req, res) => {
    const user = await createUser(auth, req.body);
    res.status(201);
    await recorded(req, res, `create user ${user.username}`, [`Practitioner/${user.practitionerId}`, `PractitionerRole/${user.practitionerRoleId}`]);
    res.json(user);
  });
  routes.get('/users', async (_req, res) => {
    const accounts = await listAccounts(auth.pool);
    res.json(
      accounts.map((a) => ({
        id: a.id,
        username: a.username,
        displayName: a.displayName,
        role: a.role,
        organizationId: a.organizationId,
        siteIds: a.siteIds,
        practitionerId: a.practitionerId,
        active: a.active,
        secondFactor: a.totpSecret !== null,
        failedAttempts: a.failedAttempts,
        lastLoginAt: a.lastLoginAt,
      })),
    );
  });
  routes.post('/users/:username/deactivate', async (req, res) => {
    await deactivateUser(auth, String(req.params.username));
    await recorded(req, res, `deactivate user ${String(req.params.username)}`);
    res.status(204).end();
  });
  routes.post('/users/:username/reactivate', async (req, res) => {
    const reactivated = await reactivateUser(auth, String(req.params.username));
    await recorded(req, res, `reactivate user ${reactivated.username}`);
    res.json(reactivated);
  });
  /** A new second factor, answered this one time (an authenticator set up with the old one stops working). */
  routes.post('/users/:username/reset-totp', async (req, res) => {
    const totp = await resetTotp(auth, String(req.params.username));
    await recorded(req, res, `reset second factor of user ${String(req.params.username)}`);
    res.json(totp);
  });

  routes.post('/clients', async (req, res) => {
    const client = await createSystemClient(auth, req.body);
    res.status(201);
    await recorded(req, res, `register system client ${client.clientId}${client.fullAccess ? ' (full access)' : ''}`);
    res.json(client);
  });
  routes.get('/clients', async (_req, res) => {
    const clients = await listSystemClients(auth.pool);
    res.json(clients.map(({ jwks: _jwks, ...client }) => client));
  });
  routes.post('/clients/:clientId/deactivate', async (req, res) => {
    const clientId = String(req.params.clientId);
    if (!(await auth.tokenStates.changed(`client:${clientId}`, () => deactivateSystemClient(auth.pool, clientId)))) throw notFound(`No client ${clientId}`);
    await recorded(req, res, `deactivate system client ${String(req.params.clientId)}`);
    res.status(204).end();
  });

  /** Instrument wording per language (an SDQ the organisation is authorised to use): checked, then stored for every process. */
  routes.post('/text-packs', async (req, res) => {
    const repo = new Repository(auth.pool, { clock: auth.clock });
    const installed = await installTextPack(repo, auth.pool, req.body, { username: staffPrincipalOf(res).username, at: auth.clock() });
    res.status(201);
    await recorded(req, res, `install text pack ${installed.questionnaire} (${installed.language})`);
    res.json(installed);
  });
  routes.get('/text-packs', async (_req, res) => {
    res.json(await listInstalledTextPacks(auth.pool));
  });
  return routes;
}
