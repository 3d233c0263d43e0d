import type { ReactNode } from 'react';
import type { Area } from '../auth/role-pages.js';
import { CaseloadPage } from '../pages/CaseloadPage.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { PatientPage } from '../pages/patient/PatientPage.js';
import { RegisterBeneficiaryPage } from '../pages/register/RegisterBeneficiaryPage.js';
import { ReportsPage } from '../pages/ReportsPage.js';
import { ScreeningPage } from '../pages/screening/ScreeningPage.js';
import { UrgentTasksPage } from '../pages/UrgentTasksPage.js';
import { UsersPage } from '../pages/users/UsersPage.js';
import { findInstrument } from '../questionnaire/instruments.js';

export interface Route {
  pattern: string;
  /** the area a role must have to open the page */
  area: Area;
  render(params: Record<string, string>): ReactNode;
}

// Client paths stay clear of the server's own prefixes (/fhir, /auth, /admin, /oauth2), which it never
// hands to the client.
export const routes: readonly Route[] = [
  { pattern: '/caseload', area: 'caseload', render: () => <CaseloadPage /> },
  { pattern: '/register', area: 'caseload', render: () => <RegisterBeneficiaryPage /> },
  { pattern: '/patients/:id', area: 'caseload', render: ({ id }) => <PatientPage key={id} patientId={id} /> },
  {
    pattern: '/patients/:id/screen/:instrument',
    area: 'caseload',
    render: ({ id, instrument }) => {
      const found = findInstrument(instrument);
      return found ? <ScreeningPage key={`${id}/${found.slug}`} patientId={id} instrument={found} /> : <NotFoundPage />;
    },
  },
  { pattern: '/urgent-tasks', area: 'urgent-tasks', render: () => <UrgentTasksPage /> },
  { pattern: '/reports', area: 'reports', render: () => <ReportsPage /> },
  { pattern: '/users', area: 'users', render: () => <UsersPage /> },
];
