import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sheet as SheetData, SheetSlip } from '@kodbro/server/contracts';
import { toApiError, type ApiError } from '../api/http.ts';
import { staffApi } from '../api/staff.ts';
import { loadEthiopicFont } from '../i18n/index.ts';
import { linkProps } from '../router.ts';
import { formatShortCode, isolate } from './format.ts';
import { QrCode } from './QrCode.tsx';
import { RTL_SLIP_LANGUAGES, SLIP_TEXT } from './slip-strings.ts';
import { StaffAlert } from './StaffAlert.tsx';
import './sheet.css';

/**
 * The printable sheet of an assessment's invites: one slip per candidate,
 * to cut out and hand over (in asylum housing a coordinator often gives out
 * invitations on paper). Each slip has the name, the link as a QR code, the
 * short code, and a few lines in the candidate's preferred language and in
 * English. Printing hides everything else (sheet.css).
 */
export function Sheet({ assessmentId }: { assessmentId: string }) {
  const { t } = useTranslation('staff');
  const [sheet, setSheet] = useState<SheetData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const fail = (caught: unknown) => setError(toApiError(caught));
    staffApi.sheet(assessmentId).then(async (loaded) => {
      // Ge'ez script for Tigrinya slips: most machines (and printers' fallbacks) have no Ethiopic font.
      // Loaded before the slips show, so a print started at once has the glyphs.
      if (loaded.slips.some((slip) => slip.preferredLanguage === 'ti')) await loadEthiopicFont();
      setSheet(loaded);
    }, fail);
  }, [assessmentId]);

  return (
    <section className="sheet">
      <div className="sheet-controls">
        <p>
          <a {...linkProps(`/staff/assessments/${assessmentId}`)}>{t('sheet.back')}</a>
        </p>
        <StaffAlert error={error} />
        {sheet && (
          <>
            <h1>{t('sheet.heading', { title: sheet.assessmentTitle })}</h1>
            <p>{t('sheet.intro')}</p>
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('sheet.print')}
            </button>
            {sheet.slips.length === 0 && <p>{t('sheet.none')}</p>}
            {sheet.missing.length > 0 && <p>{t('sheet.missing', { names: sheet.missing.map((m) => isolate(m.candidateName ?? t('unnamed'))).join(', ') })}</p>}
          </>
        )}
      </div>
      {sheet && (
        <ul className="slips" aria-label={t('sheet.heading', { title: sheet.assessmentTitle })}>
          {sheet.slips.map((slip) => (
            <Slip key={slip.inviteId} slip={slip} codeUrl={sheet.codeUrl} />
          ))}
        </ul>
      )}
    </section>
  );
}

function Slip({ slip, codeUrl }: { slip: SheetSlip; codeUrl: string }) {
  const { t } = useTranslation('staff');
  const languages = slip.preferredLanguage && slip.preferredLanguage !== 'en' ? [slip.preferredLanguage, 'en' as const] : (['en'] as const);
  const site = codeUrl.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const name = slip.candidateName ?? t('unnamed');
  return (
    <li className="slip" data-invite-id={slip.inviteId}>
      <div className="slip-qr">
        <QrCode text={slip.url} label={`QR: ${name}`} />
        <p className="slip-code mono" dir="ltr">
          {formatShortCode(slip.shortCode)}
        </p>
      </div>
      <div className="slip-text">
        <p className="slip-name">{name}</p>
        {languages.map((language) => {
          const text = SLIP_TEXT[language];
          return (
            <div key={language} className="slip-lang" lang={language} dir={RTL_SLIP_LANGUAGES.has(language) ? 'rtl' : 'ltr'}>
              <p className="slip-title">{text.title}</p>
              <p>{text.scan}</p>
              <p>
                {text.type.split('{{site}}')[0]}
                <bdi className="mono">{site}</bdi>
                {text.type.split('{{site}}')[1]} <bdi className="mono">{formatShortCode(slip.shortCode)}</bdi>
              </p>
              <p>{text.noAccount}</p>
            </div>
          );
        })}
      </div>
    </li>
  );
}
