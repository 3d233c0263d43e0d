import { groupActivities } from '../../clinical/activity-groups.js';
import type { ControlProps } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** The group activities of the catalogue, named as the catalogue names them (English, its reporting vocabulary). */
export function ActivitySelect({ control, value, onChange }: { control: ControlProps; value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  return (
    <select {...control} name="activity" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('common.choose')}</option>
      {groupActivities.map((activity) => (
        <option key={activity.code} value={activity.code} lang="en" dir="ltr">
          {activity.display}
        </option>
      ))}
    </select>
  );
}
