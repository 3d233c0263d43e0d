import express from 'express';
import { createOrganization } from '../auth/admin/create-organization.js';
import { createSite } from '../auth/admin/create-site.js';
import { createSystemClient } from '../auth/admin/create-system-client.js';
import { createUser } from '../auth/admin/create-user.js';
import { deactivateUser } from '../auth/admin/deactivate-user.js';
import type { AuthServices } from '../auth/auth-services.js';
import { notFound } from '../fhir/outcomes.js';
import { listAccounts } from '../store/accounts.js';
import { deactivateSystemClient, listSystemClients } from '../store/accounts-clients.js';
import { authenticate, requireStaffRole } from './authenticate.js';

/**
 * The admin API (`/admin/...`), for the admin role only: organisations, sites, users and system clients.
 * Bodies are checked by each use case's zod schema; what is created is answered with 201.
 */
export function adminRoutes(auth: AuthServices): express.Router {
  const routes = express.Router();
  routes.use(express.json({ limit: '64kb' }), authenticate(auth), requireStaffRole('admin'));
  routes.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  routes.post('/organizations', async (req, res) => {
    res.status(201).json(await createOrganization(auth, req.body));
  });
  routes.post('/sites', async (req, res) => {
    res.status(201).json(await createSite(auth, req.body));
  });

  routes.post('/users', async (req, res) => {
    res.status(201).json(await createUser(auth, req.body));
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
    res.status(204).end();
  });

  routes.post('/clients', async (req, res) => {
    res.status(201).json(await createSystemClient(auth, req.body));
  });
  routes.get('/clients', async (_req, res) => {
    const clients = await listSystemClients(auth.pool);
    res.json(clients.map(({ jwks: _jwks, ...client }) => client));
  });
  routes.post('/clients/:clientId/deactivate', async (req, res) => {
    if (!(await deactivateSystemClient(auth.pool, String(req.params.clientId)))) throw notFound(`No client ${req.params.clientId}`);
    res.status(204).end();
  });
  return routes;
}
