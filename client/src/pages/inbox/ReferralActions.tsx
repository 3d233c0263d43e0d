import type { Task } from '@medplum/fhirtypes';
import { useSession } from '../../auth/session-context.js';
import { inboxActions, movedTask, needsNote, type InboxAction } from '../../clinical/referrals.js';
import { DecisionButtons } from '../../components/DecisionButtons.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** The recipient's moves on one referral; declining asks why, completing asks for the outcome, before anything is sent. */
export function ReferralActions({ task, onMoved }: { task: Task; onMoved(): void }) {
  const { t } = useI18n();
  const { fhir } = useSession();
  return (
    <DecisionButtons<InboxAction>
      id={task.id ?? ''}
      actions={inboxActions(task)}
      label={(action) => t(`inbox.action.${action}`)}
      noteLabel={(action) => (needsNote(action) ? t(action === 'decline' ? 'inbox.reason' : 'inbox.outcome') : undefined)}
      noteMissing={(action) => t(action === 'decline' ? 'inbox.reasonNeeded' : 'inbox.outcomeNeeded')}
      isSecondary={(action) => action === 'decline'}
      cancelLabel={t('inbox.cancel')}
      onDecide={async (action, note) => {
        await fhir.update({ ...movedTask(task, action, note), id: task.id ?? '' });
        onMoved();
      }}
    />
  );
}
