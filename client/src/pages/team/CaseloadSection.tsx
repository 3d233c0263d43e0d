import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { loadPatientsByReference } from '../../clinical/patients-by-reference.js';
import type { StaffMember } from '../../clinical/staff-directory.js';
import { loadWorkerCases, type WorkerLoad } from '../../clinical/team.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { ReassignCase } from './ReassignCase.js';

interface CaseloadSectionProps {
  workers: readonly WorkerLoad[];
  members: readonly StaffMember[];
  /** after a reassignment: the counts change */
  onReassigned(toName: string): void;
}

/** The caseload per worker: active cases and overdue tasks of each, their cases opened in place to reassign one. */
export function CaseloadSection({ workers, members, onReassigned }: CaseloadSectionProps) {
  const { t } = useI18n();
  const [open, setOpen] = useState<string>();
  return (
    <RecordSection id="team-caseload" title={t('team.caseload')} emptyText={t('team.noWorkers')} isEmpty={workers.length === 0}>
      <ul className="plain-list team-list">
        {workers.map(({ member, activeCases, overdueTasks }) => {
          const expanded = open === member.practitionerId;
          const casesId = `cases-${member.practitionerId}`;
          return (
            <li key={member.practitionerId} className="team-list__item">
              <div className="team-worker">
                <span className="team-worker__name">
                  <strong>
                    <bdi>{member.name}</bdi>
                  </strong>{' '}
                  <span className="muted">{t(`role.${member.role}`)}</span>
                </span>
                <span className="team-worker__counts">
                  <span className="badge">{t('team.activeCases', { count: activeCases })}</span>{' '}
                  {overdueTasks > 0 ? <span className="badge badge--urgent">{t('team.overdueTasks', { count: overdueTasks })}</span> : null}
                </span>
                <button type="button" className="button--secondary" aria-expanded={expanded} aria-controls={expanded ? casesId : undefined} onClick={() => setOpen(expanded ? undefined : member.practitionerId)}>
                  <Message id="team.showCases" params={{ name: <bdi>{member.name}</bdi> }} />
                </button>
              </div>
              {expanded ? <WorkerCases id={casesId} worker={member} members={members} onReassigned={onReassigned} /> : null}
            </li>
          );
        })}
      </ul>
    </RecordSection>
  );
}

function WorkerCases({ id, worker, members, onReassigned }: { id: string; worker: StaffMember; members: readonly StaffMember[]; onReassigned(toName: string): void }) {
  const { t } = useI18n();
  const { fhir } = useSession();
  const cases = useAsync(async () => {
    const episodes = await loadWorkerCases(fhir, worker.practitionerId);
    return { episodes, patients: await loadPatientsByReference(fhir, episodes.map((e) => e.patient.reference)) };
  }, [fhir, worker.practitionerId]);
  return (
    <div id={id} className="team-cases">
      <AsyncContent state={cases}>
        {({ episodes, patients }) =>
          episodes.length === 0 ? (
            <p className="muted">{t('team.noCases')}</p>
          ) : (
            <ul className="plain-list">
              {episodes.map((episode) => (
                <ReassignCase key={episode.id} episode={episode} patient={patients.get(episode.patient.reference ?? '')} from={worker} members={members} onReassigned={onReassigned} />
              ))}
            </ul>
          )
        }
      </AsyncContent>
    </div>
  );
}
