import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import type { StaffPrincipal } from '../../auth/principal.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { loadApprovalQueue } from '../../clinical/approvals.js';
import { loadPatientsByReference } from '../../clinical/patients-by-reference.js';
import { loadTeamLoad } from '../../clinical/team.js';
import { loadUrgentTasks } from '../../clinical/urgent-tasks.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routing/router.js';
import { ApprovalsSection } from './ApprovalsSection.js';
import { CaseloadSection } from './CaseloadSection.js';
import { TeamTasksSection } from './TeamTasksSection.js';

/** The oldest overdue items shown before the rest is asked for; the caseload says whose they are. */
const OVERDUE_SHOWN_AT_FIRST = 10;

/** The team's work in one place: what waits for approval, urgent risk, what is overdue, and the caseload of each worker. */
async function loadTeamView(fhir: ReturnType<typeof useSession>['fhir'], supervisor: StaffPrincipal) {
  const [queue, team, urgent] = await Promise.all([loadApprovalQueue(fhir, supervisor.practitionerId), loadTeamLoad(fhir, supervisor.organization.id), loadUrgentTasks(fhir)]);
  const patients = new Map([...queue.patients, ...(await loadPatientsByReference(fhir, [...team.overdue, ...urgent.map((u) => u.task)].map((task) => task.for?.reference)))]);
  const holders = new Map(team.members.map((m) => [`Practitioner/${m.practitionerId}`, m.name]));
  return { queue, team, urgent: urgent.map((u) => u.task), patients, holders };
}

/** The supervisor's landing page. */
export function TeamPage() {
  const { t } = useI18n();
  const { fhir } = useSession();
  const principal = usePrincipal();
  usePageTitle(t('team.title'));
  const view = useAsync(() => loadTeamView(fhir, principal), [fhir, principal.practitionerId, principal.organization.id]);
  // what the last decision or reassignment did, said once the lists are read again
  const [notice, setNotice] = useState('');
  const done = (text: string) => {
    setNotice(text);
    view.reload();
  };
  return (
    <>
      <h1>{t('team.title')}</h1>
      <p className="muted">{t('team.intro')}</p>
      <p role="status" className={notice ? 'notice' : undefined}>
        {view.status === 'done' ? notice : ''}
      </p>
      <AsyncContent state={view}>
        {({ queue, team, urgent, patients, holders }) => (
          <div className="team-grid">
            <ApprovalsSection approvals={queue.approvals} patients={patients} staffNames={holders} onDecided={(decision) => done(t(`team.decided.${decision}`))} />
            <TeamTasksSection id="team-alerts" title={t('team.alerts')} emptyText={t('urgent.none')} tasks={urgent} patients={patients} holders={holders} now={team.now}>
              <p>
                <Link to="/urgent-tasks">{t('team.allUrgent')}</Link>
              </p>
            </TeamTasksSection>
            <CaseloadSection workers={team.workers} members={team.members} onReassigned={(name) => done(t('team.reassigned', { name }))} />
            <TeamTasksSection id="team-overdue" title={t('team.overdue')} emptyText={t('team.noOverdue')} tasks={team.overdue} patients={patients} holders={holders} now={team.now} shownAtFirst={OVERDUE_SHOWN_AT_FIRST} />
          </div>
        )}
      </AsyncContent>
    </>
  );
}
