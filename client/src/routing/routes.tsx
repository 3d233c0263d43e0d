import type { ReactNode } from 'react';
import type { Area } from '../auth/role-pages.js';
import { NotFoundPage } from '../pages/NotFoundPage.js';
import { findInstrument, findRecordForm } from '../questionnaire/instruments.js';
import { findSdqVersion } from '../questionnaire/sdq-version-choice.js';
import { lazyPage } from './lazy-page.js';

// Each page is its own chunk, fetched when first shown (App wraps pages in Suspense).
const CaseloadPage = lazyPage(() => import('../pages/CaseloadPage.js').then((m) => m.CaseloadPage));
const RegisterBeneficiaryPage = lazyPage(() => import('../pages/register/RegisterBeneficiaryPage.js').then((m) => m.RegisterBeneficiaryPage));
const PatientPage = lazyPage(() => import('../pages/patient/PatientPage.js').then((m) => m.PatientPage));
const FormPage = lazyPage(() => import('../pages/forms/FormPage.js').then((m) => m.FormPage));
const SdqChoicePage = lazyPage(() => import('../pages/forms/SdqChoicePage.js').then((m) => m.SdqChoicePage));
const ResponseResultPage = lazyPage(() => import('../pages/forms/ResponseResultPage.js').then((m) => m.ResponseResultPage));
const UrgentTasksPage = lazyPage(() => import('../pages/UrgentTasksPage.js').then((m) => m.UrgentTasksPage));
const ReportsPage = lazyPage(() => import('../pages/ReportsPage.js').then((m) => m.ReportsPage));
const RecordSessionPage = lazyPage(() => import('../pages/session/RecordSessionPage.js').then((m) => m.RecordSessionPage));
const ConsultationPage = lazyPage(() => import('../pages/consultation/ConsultationPage.js').then((m) => m.ConsultationPage));
const ReferPage = lazyPage(() => import('../pages/referral/ReferPage.js').then((m) => m.ReferPage));
const InboxPage = lazyPage(() => import('../pages/inbox/InboxPage.js').then((m) => m.InboxPage));
const MyWorkPage = lazyPage(() => import('../pages/MyWorkPage.js').then((m) => m.MyWorkPage));
const TeamPage = lazyPage(() => import('../pages/team/TeamPage.js').then((m) => m.TeamPage));
const UsersPage = lazyPage(() => import('../pages/users/UsersPage.js').then((m) => m.UsersPage));
const OrganizationsPage = lazyPage(() => import('../pages/users/OrganizationsPage.js').then((m) => m.OrganizationsPage));
const GroupsPage = lazyPage(() => import('../pages/groups/GroupsPage.js').then((m) => m.GroupsPage));
const GroupPage = lazyPage(() => import('../pages/groups/GroupPage.js').then((m) => m.GroupPage));
const RecordMeetingPage = lazyPage(() => import('../pages/groups/RecordMeetingPage.js').then((m) => m.RecordMeetingPage));
const TextPacksPage = lazyPage(() => import('../pages/users/TextPacksPage.js').then((m) => m.TextPacksPage));
const SystemClientsPage = lazyPage(() => import('../pages/users/SystemClientsPage.js').then((m) => m.SystemClientsPage));

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
  { pattern: '/patients/:id/screen/sdq', area: 'caseload', render: ({ id }) => <SdqChoicePage key={id} patientId={id} /> },
  {
    pattern: '/patients/:id/screen/:instrument',
    area: 'caseload',
    render: ({ id, instrument }) => {
      const found = findInstrument(instrument) ?? findSdqVersion(instrument);
      return found ? <FormPage key={`${id}/${found.slug}`} patientId={id} form={found} /> : <NotFoundPage />;
    },
  },
  {
    pattern: '/patients/:id/forms/:form',
    area: 'caseload',
    render: ({ id, form }) => {
      const found = findRecordForm(form);
      return found ? <FormPage key={`${id}/${found.slug}`} patientId={id} form={found} /> : <NotFoundPage />;
    },
  },
  {
    pattern: '/patients/:id/responses/:responseId',
    area: 'caseload',
    render: ({ id, responseId }) => <ResponseResultPage key={responseId} patientId={id} responseId={responseId} />,
  },
  { pattern: '/patients/:id/session', area: 'caseload', render: ({ id }) => <RecordSessionPage key={id} patientId={id} /> },
  { pattern: '/patients/:id/consultation', area: 'caseload', render: ({ id }) => <ConsultationPage key={id} patientId={id} /> },
  { pattern: '/patients/:id/refer', area: 'caseload', render: ({ id }) => <ReferPage key={id} patientId={id} /> },
  { pattern: '/groups', area: 'groups', render: () => <GroupsPage /> },
  { pattern: '/groups/:id', area: 'groups', render: ({ id }) => <GroupPage key={id} groupId={id} /> },
  { pattern: '/groups/:id/meeting', area: 'groups', render: ({ id }) => <RecordMeetingPage key={id} groupId={id} /> },
  { pattern: '/my-work', area: 'my-work', render: () => <MyWorkPage /> },
  { pattern: '/team', area: 'team', render: () => <TeamPage /> },
  { pattern: '/inbox', area: 'inbox', render: () => <InboxPage /> },
  { pattern: '/urgent-tasks', area: 'urgent-tasks', render: () => <UrgentTasksPage /> },
  { pattern: '/reports', area: 'reports', render: () => <ReportsPage /> },
  { pattern: '/users', area: 'users', render: () => <UsersPage /> },
  { pattern: '/organizations', area: 'users', render: () => <OrganizationsPage /> },
  { pattern: '/system-clients', area: 'users', render: () => <SystemClientsPage /> },
  { pattern: '/text-packs', area: 'users', render: () => <TextPacksPage /> },
];
