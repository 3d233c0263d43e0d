import { useState, type FormEvent } from 'react';
import { useAsync } from '../api/use-async.js';
import { useSession } from '../auth/session-context.js';
import { PatientTable } from '../beneficiary/PatientTable.js';
import { searchBeneficiaries } from '../beneficiary/search-beneficiaries.js';
import { loadCaseloadFacts } from '../clinical/caseload-summary.js';
import { AsyncContent } from '../components/AsyncContent.js';
import { usePageTitle } from '../components/use-page-title.js';
import { useI18n } from '../i18n/i18n-context.js';
import { Link, navigate, useSearchParam } from '../routing/router.js';

const PAGE_SIZE = 50;

/**
 * The caseload: a name search (in the address bar, so a search can be reloaded or shared) and, before
 * anything is searched, the beneficiaries updated most recently.
 */
export function CaseloadPage() {
  const { t } = useI18n();
  const { fhir } = useSession();
  usePageTitle(t('caseload.title'));
  const query = useSearchParam('q').trim();
  const [typed, setTyped] = useState(query);
  const patients = useAsync(async () => {
    const matches = await searchBeneficiaries(fhir, query, PAGE_SIZE);
    // Risk and deadlines complete the rows; without them (a failed search) the names still show.
    const facts = await loadCaseloadFacts(fhir, matches).catch(() => undefined);
    return { found: matches, facts };
  }, [fhir, query]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const q = typed.trim();
    navigate(q ? `/caseload?q=${encodeURIComponent(q)}` : '/caseload');
  };

  return (
    <>
      <div className="page-heading">
        <h1>{t('caseload.title')}</h1>
        <Link to="/register" className="button">
          {t('nav.register')}
        </Link>
      </div>
      <form role="search" className="search-form" onSubmit={search}>
        <label htmlFor="caseload-search">{t('caseload.searchLabel')}</label>
        <p className="field__hint" id="caseload-search-hint">
          {t('caseload.searchHint')}
        </p>
        <div className="search-form__row">
          <input id="caseload-search" type="search" dir="auto" aria-describedby="caseload-search-hint" value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit">{t('caseload.searchButton')}</button>
        </div>
      </form>
      <AsyncContent state={patients}>
        {({ found, facts }) =>
          found.length === 0 ? (
            <p role="status">{query ? t('caseload.noResults', { query }) : t('caseload.empty')}</p>
          ) : (
            <PatientTable patients={found} facts={facts} caption={query ? t('caseload.results', { query }) : t('caseload.recent')} />
          )
        }
      </AsyncContent>
    </>
  );
}
