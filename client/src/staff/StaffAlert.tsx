import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http.ts';
import { staffErrorText, type ErrorPlace } from './error-words.ts';

/**
 * A staff form's or page's error in words (error-words.ts): the staff
 * language's text for the common codes, the server's own words for a refusal
 * it explained. The live region stays in the document so new text is announced.
 */
export function StaffAlert({ error, place = 'page' }: { error: ApiError | null; place?: ErrorPlace }) {
  const { t } = useTranslation('staff');
  return (
    <div className="alert" role="alert" aria-live="assertive">
      {error ? staffErrorText(t, error, place) : null}
    </div>
  );
}
