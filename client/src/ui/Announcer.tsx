import { useEffect, useState } from 'react';

/**
 * One polite live region for the page's news: where focus went after Start,
 * a run's result, the connection lost and back. Saying the same thing twice
 * is announced twice (the text is cleared first).
 */
const EVENT = 'kodbro:announce';

export function announce(message: string): void {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: message }));
}

export function Announcer() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onAnnounce = (event: Event) => {
      setMessage('');
      clearTimeout(timer);
      timer = setTimeout(() => setMessage((event as CustomEvent<string>).detail), 50);
    };
    window.addEventListener(EVENT, onAnnounce);
    return () => {
      clearTimeout(timer);
      window.removeEventListener(EVENT, onAnnounce);
    };
  }, []);
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}

/** Moves focus to an element (made focusable for the purpose) and tells screen-reader users where they are. */
export function focusAndAnnounce(element: HTMLElement | null, message?: string): void {
  if (!element) return;
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus({ preventScroll: false });
  if (message) announce(message);
}
