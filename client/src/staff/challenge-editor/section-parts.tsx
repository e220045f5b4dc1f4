import { useEffect, useState, type DragEvent, type ReactNode } from 'react';
import { pathWords, type FieldPath } from './section-errors.ts';
import { useSectionT } from './section-t.ts';

/* The pieces both sections use: a field with its messages, the server's errors no field shows, a drop zone. */

/** A label, the control, then its hint and messages, tied to the control by aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  messages: readonly string[];
  polite?: boolean;
  /** False when what shows is no form control (a long input's preview): the label is then a plain caption. */
  control?: boolean;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const hintId = `${props.id}-hint`;
  const messagesId = `${props.id}-messages`;
  const describedBy = [props.hint ? hintId : '', props.messages.length > 0 ? messagesId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="tests-field">
      {props.control === false ? <span className="tests-field-label">{props.label}</span> : <label htmlFor={props.id}>{props.label}</label>}
      {props.children(describedBy)}
      {props.hint && (
        <p id={hintId} className="hint">
          {props.hint}
        </p>
      )}
      {props.messages.length > 0 && (
        <ul id={messagesId} className={props.polite ? 'tests-note' : 'tests-problem'}>
          {props.messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function FieldErrors({ messages }: { messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul className="tests-problem">
      {messages.map((message, index) => (
        <li key={index}>{message}</li>
      ))}
    </ul>
  );
}

export function UnplacedErrors({ title, errors }: { title: string; errors: readonly { path: FieldPath; message: string }[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="tests-problem" role="alert">
      <p>{title}</p>
      <ul>
        {errors.map((error, index) => (
          <li key={index}>
            {error.path.length > 0 && <code dir="ltr">{pathWords(error.path)}</code>} {error.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Many files at once: a labelled file input (keyboard, screen readers) and
 * the same drop zone around it for dragging files from a folder. Each drop
 * or choice is one upload; the input is cleared so the same files can be
 * chosen again.
 */
export function DropZone(props: { id: string; listName?: string; label?: string; hint?: string; zone?: string; accept?: string; onFiles: (files: File[]) => void }) {
  const t = useSectionT();
  const [over, setOver] = useState(false);
  const hintId = `${props.id}-hint`;
  const label = props.label ?? t('tests.upload.labelFor', { list: props.listName });
  // Files dropped a little beside a zone would make the browser open them in place of the editor: refused
  // anywhere else on the page while a zone is shown. Only files: dragged text still drops into text fields.
  useEffect(() => {
    const refuseFiles = (event: globalThis.DragEvent) => {
      if (event.dataTransfer?.types.includes('Files') && !event.defaultPrevented) {
        event.preventDefault();
        if (event.type === 'dragover') event.dataTransfer.dropEffect = 'none';
      }
    };
    window.addEventListener('dragover', refuseFiles);
    window.addEventListener('drop', refuseFiles);
    return () => {
      window.removeEventListener('dragover', refuseFiles);
      window.removeEventListener('drop', refuseFiles);
    };
  }, []);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) props.onFiles(files);
  };
  return (
    <div
      className={`tests-drop${over ? ' tests-drop-over' : ''}`}
      role="group"
      aria-label={props.zone ?? t('tests.upload.zone', { list: props.listName })}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <label htmlFor={props.id}>{label}</label>
      <input
        id={props.id}
        type="file"
        multiple
        accept={props.accept ?? '.in,.ans,.out'}
        aria-describedby={hintId}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) props.onFiles(files);
        }}
      />
      <p id={hintId} className="hint">
        {props.hint ?? t('tests.upload.hint')}
      </p>
    </div>
  );
}

