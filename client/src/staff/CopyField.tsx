import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A link shown once (a candidate's or a colleague's) in a read-only field that
 * selects itself, with a Copy button. Give it `key={value}` so a new link
 * starts with "Copy" again.
 */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useTranslation('staff');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // No clipboard (plain http): the link is selectable in its field.
    }
  };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="inline-form">
        <input id={id} readOnly value={value} onFocus={(event) => event.target.select()} dir="ltr" />
        <button type="button" onClick={() => void copy()}>
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
    </>
  );
}
