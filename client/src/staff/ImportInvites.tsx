import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_CSV_BYTES, type ImportResult } from '@kodbro/server/contracts';
import { ApiError, toApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { languageName } from './format.ts';
import { StaffAlert } from './StaffAlert.tsx';

/**
 * Many invites from a CSV file: choose a file or paste the text, preview
 * (the server checks every row and creates nothing), then confirm (the
 * server creates the valid new rows in one transaction). The preview is
 * dropped whenever the text changes, so what is confirmed is what was seen.
 */
export function ImportInvites({ assessmentId, csrf, onImported }: { assessmentId: string; csrf: string; onImported: (message: string) => void }) {
  const { t } = useTranslation('staff');
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const edit = (text: string) => {
    setCsv(text);
    setResult(null);
  };

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_IMPORT_CSV_BYTES) {
      setError(new ApiError('payload_too_large', t('invites.fileTooLarge'), 413));
      return;
    }
    setError(null);
    edit(await file.text());
  };

  const send = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await staffApi.importInvites(csrf, assessmentId, csv, dryRun);
      setResult(answer);
      if (!dryRun) onImported(t('invites.imported', { count: answer.created }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const preview = (event: FormEvent) => {
    event.preventDefault();
    void send(true);
  };

  const count = (status: string) => result?.rows.filter((row) => row.status === status).length ?? 0;
  const fileIssues = result?.issues.filter((issue) => issue.column === null && !result.rows.some((row) => row.row === issue.row)) ?? [];

  return (
    <div className="import-invites">
      <h3>{t('invites.importHeading')}</h3>
      <p className="hint" id="import-help">
        {t('invites.importHelp')}
      </p>
      <form onSubmit={preview}>
        <label htmlFor="import-file">{t('invites.importFile')}</label>
        <input id="import-file" type="file" accept=".csv,text/csv,text/plain" onChange={(event) => void chooseFile(event)} />
        <label htmlFor="import-text">{t('invites.importText')}</label>
        <textarea id="import-text" rows={6} dir="auto" spellCheck={false} value={csv} aria-describedby="import-help" onChange={(event) => edit(event.target.value)} />
        <div className="inline-form">
          <button type="submit" disabled={busy || csv.trim() === ''}>
            {t('invites.preview')}
          </button>
          {result?.dryRun && (
            <button type="button" className="primary" disabled={busy || count('new') === 0} onClick={() => void send(false)}>
              {t('invites.confirmImport', { count: count('new') })}
            </button>
          )}
        </div>
      </form>
      <StaffAlert error={error} />
      <div aria-live="polite">
        {result && (
          <>
            <p>
              {t('invites.previewSummary', {
                new: count('new') + count('created'),
                existing: count('already_invited'),
                duplicate: count('duplicate'),
                invalid: count('invalid'),
              })}
            </p>
            {result.dryRun && count('new') === 0 && <p>{t('invites.nothingToImport')}</p>}
          </>
        )}
      </div>
      {fileIssues.length > 0 && (
        <div role="alert">
          <p>{t('invites.fileProblems')}</p>
          <ul>
            {fileIssues.map((issue, index) => (
              <li key={index}>
                {t('invites.row')} {issue.row}: {issue.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && result.rows.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('invites.previewTable')}>
          <table className="import-preview">
            <thead>
              <tr>
                <th scope="col">{t('invites.row')}</th>
                <th scope="col">{t('invites.name')}</th>
                <th scope="col">{t('invites.contact')}</th>
                <th scope="col">{t('invites.language')}</th>
                <th scope="col">{t('invites.extraMinutes')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('invites.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.row} className={row.status === 'invalid' ? 'row-invalid' : undefined}>
                  <td>{row.row}</td>
                  <td>{row.candidateName}</td>
                  <td>{row.contact ?? ''}</td>
                  <td>{row.preferredLanguage ? languageName(row.preferredLanguage) : ''}</td>
                  <td>{row.extraMinutes ?? ''}</td>
                  <td>{t(`invites.rowStatus_${row.status}`)}</td>
                  <td>
                    {result.issues
                      .filter((issue) => issue.row === row.row)
                      .map((issue, index) => (
                        <div key={index}>
                          {issue.column ? `${issue.column}: ` : ''}
                          {issue.message}
                        </div>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
