import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { hasErrorText } from '../i18n/index.ts';
import type { ApiError } from '../api/http.ts';

/** A well-known code in the reader's language; otherwise the server's own message. */
export function errorText(t: TFunction, error: ApiError): string {
  if (hasErrorText(error.code)) return t(`errors.${error.code}`);
  return error.message;
}

/**
 * The visible, announced error of a page or form. The live region is always
 * in the document so screen readers announce text that appears in it.
 */
export function ErrorAlert({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  return (
    <div className="alert" role="alert" aria-live="assertive">
      {error ? errorText(t, error) : null}
    </div>
  );
}
