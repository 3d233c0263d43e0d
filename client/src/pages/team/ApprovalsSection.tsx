import type { Patient } from '@medplum/fhirtypes';
import { useSession } from '../../auth/session-context.js';
import { PatientLink } from '../../beneficiary/PatientLink.js';
import { decidedTask, decisionNeedsReason, type Approval, type ApprovalDecision } from '../../clinical/approvals.js';
import { taskTexts } from '../../clinical/task-wording.js';
import { DecisionButtons } from '../../components/DecisionButtons.js';
import { RecordSection } from '../../components/RecordSection.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';

/** The supervisor's approvals queue: closures, transfers and reviews, each with Approve and Decline (declining asks why). */
interface ApprovalsSectionProps {
  approvals: readonly Approval[];
  patients: ReadonlyMap<string, Patient>;
  /** names of staff by `Practitioner/<id>`, for a request that does not name its requester */
  staffNames: ReadonlyMap<string, string>;
  onDecided(decision: ApprovalDecision): void;
}

export function ApprovalsSection({ approvals, patients, staffNames, onDecided }: ApprovalsSectionProps) {
  const { t } = useI18n();
  return (
    <RecordSection id="team-approvals" title={t('team.approvals')} emptyText={t('team.noApprovals')} isEmpty={approvals.length === 0}>
      <ul className="plain-list team-list">
        {approvals.map((approval) => (
          <ApprovalItem key={approval.task.id} approval={approval} patients={patients} requester={approval.task.requester?.display ?? staffNames.get(approval.task.requester?.reference ?? '')} onDecided={onDecided} />
        ))}
      </ul>
    </RecordSection>
  );
}

function ApprovalItem({ approval, patients, requester, onDecided }: { approval: Approval; patients: ReadonlyMap<string, Patient>; requester: string | undefined; onDecided(decision: ApprovalDecision): void }) {
  const i18n = useI18n();
  const { t, formatDate } = i18n;
  const { fhir } = useSession();
  const { task } = approval;
  const texts = taskTexts(task, i18n);
  const titleId = `approval-${task.id ?? ''}`;
  return (
    <li className="team-list__item" aria-labelledby={titleId}>
      <h3 id={titleId} className="team-list__title">
        {texts.title} · <PatientLink reference={task.for?.reference} patients={patients} />
      </h3>
      <p className="muted">
        {t('team.asked', { date: formatDate(task.authoredOn) })}
        {requester ? <> · <Message id="team.askedBy" params={{ name: <bdi>{requester}</bdi> }} /></> : null}
      </p>
      {approval.closureReason ? <p>{t('team.closureReason', { reason: t(`closureReason.${approval.closureReason}`) })}</p> : null}
      {/* a description as typed, or, where the server wrote it (a possible duplicate), its note in the interface language */}
      {approval.note?.kind === 'description' && texts.note ? <p dir={texts.typed ? 'auto' : undefined}>{texts.note}</p> : null}
      {approval.note && approval.note.kind !== 'description' ? (
        <p>
          <Message id={approval.note.kind === 'outcome' ? 'team.outcome' : 'team.reasonGiven'} params={{ text: <span dir="auto">{approval.note.text}</span> }} />
        </p>
      ) : null}
      {approval.decisions.length === 0 ? (
        <p className="muted">
          <Message id="team.receiverAnswers" params={{ name: <bdi>{task.owner?.display ?? t('team.receiver')}</bdi> }} />
        </p>
      ) : (
        <DecisionButtons<ApprovalDecision>
          id={task.id ?? ''}
          actions={approval.decisions}
          label={(decision) => t(`team.${decision}`)}
          noteLabel={(decision) => (decisionNeedsReason(decision) ? t('team.declineReason') : undefined)}
          noteMissing={() => t('team.declineReasonNeeded')}
          isSecondary={(decision) => decision === 'decline'}
          cancelLabel={t('inbox.cancel')}
          onDecide={async (decision, reason) => {
            await fhir.update({ ...decidedTask(task, decision, reason), id: task.id ?? '' });
            onDecided(decision);
          }}
        />
      )}
    </li>
  );
}
