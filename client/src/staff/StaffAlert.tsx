import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/http.ts';
import { errorText } from '../ui/ErrorAlert.tsx';

/**
 * A staff form's error: the server's own words for a refusal it explained
 * (which field, which row, why), the shared wording for transport failures.
 * The live region stays in the document so new text is announced.
 */
export function StaffAlert({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  const ownWords = error && error.status >= 400 && error.status < 500 && error.message;
  return (
    <div className="alert" role="alert" aria-live="assertive">
      {error ? (ownWords ? error.message : errorText(t, error)) : null}
    </div>
  );
}
