import type { Task } from '@medplum/fhirtypes';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { dueOf } from '../../clinical/open-tasks.js';
import type { RiskAlert } from '../../clinical/risk-alerts.js';
import { alertSteps, reviewedTask, whoWasTold, type AlertStepKind, type ToldPerson } from '../../clinical/risk-review.js';
import { DecisionButtons } from '../../components/DecisionButtons.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import type { MessageKey } from '../../i18n/messages-en.js';
import { Link } from '../../routing/router.js';

const STEP_LABEL: Readonly<Record<AlertStepKind, MessageKey>> = {
  'write-safety-plan': 'risk.step.writeSafetyPlan',
  'review-safety-plan': 'risk.step.reviewSafetyPlan',
  'refer-urgently': 'risk.step.referUrgently',
};

interface RiskAlertFollowUpProps {
  alert: RiskAlert;
  patientId: string;
  /** the open review Tasks raised with the alert */
  reviewTasks: readonly Task[];
  hasSafetyPlan: boolean;
  staffNames: ReadonlyMap<string, string>;
  /** the review is recorded: the record is loaded again (the alert is gone) */
  onReviewed(): void;
}

/**
 * Under a suicide-risk alert on the record: who was told (the review Tasks' clinician and supervisors, and by
 * when), and the next steps as buttons. Recording the review completes the review Task with a note, which
 * closes the alert on the server; only clinicians are offered it, as only they may.
 */
export function RiskAlertFollowUp({ alert, patientId, reviewTasks, hasSafetyPlan, staffNames, onReviewed }: RiskAlertFollowUpProps) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const { role } = usePrincipal();
  const { fhir } = useSession();
  const told = whoWasTold(reviewTasks);
  const due = reviewTasks.map(dueOf).find((d) => d !== undefined);
  const steps = alertSteps(patientId, { role, hasSafetyPlan, reviewTasks });
  const review = reviewTasks[0];
  return (
    <div className="risk-alert__follow-up">
      {told.length > 0 ? (
        <p>
          <Message id="risk.told" params={{ people: <ToldList people={told} names={staffNames} /> }} />
          {due ? <> · {t('risk.reviewDue', { date: formatDateTime(due) })}</> : null}
        </p>
      ) : null}
      <nav aria-label={t('risk.nextSteps')} className="actions">
        {steps.links.map((step) => (
          <Link key={step.kind} to={step.to} className="button">
            {t(STEP_LABEL[step.kind])}
          </Link>
        ))}
      </nav>
      {steps.canRecordReview && review?.id ? (
        <DecisionButtons<'review'>
          id={`review-${alert.flagId}`}
          actions={['review']}
          label={() => t('risk.step.recordReview')}
          noteLabel={() => t('risk.reviewNote')}
          noteMissing={() => t('risk.reviewNoteNeeded')}
          cancelLabel={t('inbox.cancel')}
          onDecide={async (_action, note) => {
            await fhir.update({ ...reviewedTask(review, note), id: review.id ?? '' });
            onReviewed();
          }}
        />
      ) : reviewTasks.length > 0 ? (
        <p className="muted">{t('risk.clinicianReviews')}</p>
      ) : null}
    </div>
  );
}

/** "Nasreen Omar (supervisor), …": each person by name and why they were told; supervisors not found by name counted. */
function ToldList({ people, names }: { people: readonly ToldPerson[]; names: ReadonlyMap<string, string> }) {
  const { t } = useI18n();
  const named = people.flatMap((person) => {
    const name = names.get(person.reference) ?? person.display;
    if (name !== undefined) return [{ key: person.reference, node: <Message id={person.as === 'clinician' ? 'risk.toldClinician' : 'risk.toldSupervisor'} params={{ name: <bdi>{name}</bdi> }} /> }];
    return person.as === 'clinician' ? [{ key: person.reference, node: <>{t('risk.toldCaseClinician')}</> }] : [];
  });
  const unnamed = people.filter((person) => person.as === 'supervisor' && names.get(person.reference) === undefined && person.display === undefined).length;
  const parts = [...named, ...(unnamed > 0 ? [{ key: 'supervisors', node: <>{t('risk.toldSupervisors', { count: unnamed })}</> }] : [])];
  return (
    <>
      {parts.map((part, index) => (
        <span key={part.key}>
          {index > 0 ? t('common.listSeparator') : null}
          {part.node}
        </span>
      ))}
    </>
  );
}
