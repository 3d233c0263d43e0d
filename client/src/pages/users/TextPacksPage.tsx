import { useState } from 'react';
import type { InstalledTextPack } from '../../api/admin-api.js';
import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { InstallTextPackForm } from './InstallTextPackForm.js';

/** For admins: the instrument wording installed per language (an SDQ the organisation holds), and installing one from its file. */
export function TextPacksPage() {
  const { t, formatDateTime } = useI18n();
  const { admin } = useSession();
  usePageTitle(t('textPacks.title'));
  const [installed, setInstalled] = useState<InstalledTextPack>();
  const packs = useAsync(() => admin.listTextPacks(), [admin]);
  return (
    <>
      <h1>{t('textPacks.title')}</h1>
      <p className="muted">{t('textPacks.intro')}</p>
      {installed ? (
        <p className="notice notice--success" role="status">
          {t('textPacks.installed', { questionnaire: installed.questionnaire, language: installed.language })}
        </p>
      ) : null}
      <div className="users-layout">
        <AsyncContent state={packs}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t('textPacks.none')}</p>
            ) : (
              <table className="table table--stack">
                <caption>{t('textPacks.listTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('textPacks.questionnaire')}</th>
                    <th scope="col">{t('textPacks.language')}</th>
                    <th scope="col">{t('textPacks.reviewStatus')}</th>
                    <th scope="col">{t('textPacks.installedAt')}</th>
                    <th scope="col">{t('textPacks.installedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((pack) => (
                    <tr key={`${pack.questionnaire}/${pack.language}`}>
                      <th scope="row">
                        <bdi dir="ltr">{pack.questionnaire}</bdi>
                      </th>
                      <td data-label={t('textPacks.language')}>
                        <bdi dir="ltr">{pack.language}</bdi>
                      </td>
                      <td data-label={t('textPacks.reviewStatus')}>
                        <bdi>{pack.reviewStatus}</bdi>
                      </td>
                      <td data-label={t('textPacks.installedAt')}>{formatDateTime(pack.installedAt)}</td>
                      <td data-label={t('textPacks.installedBy')}>
                        <bdi dir="ltr">{pack.installedBy}</bdi>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </AsyncContent>
        <InstallTextPackForm
          onAttempt={() => setInstalled(undefined)}
          onInstalled={(pack) => {
            setInstalled(pack);
            packs.reload();
          }}
        />
      </div>
    </>
  );
}
