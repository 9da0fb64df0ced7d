import { useEffect } from 'react';
import { actionOfKey, type ReviewAction } from './review-keymap.js';

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);

/** Sends the review keys pressed anywhere on the page (not while typing in a field) to `perform`. */
export function useReviewKeys(perform: (action: ReviewAction) => unknown): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = actionOfKey({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, inTextField: isTextField(event.target) });
      if (action === null) return;
      event.preventDefault();
      void perform(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [perform]);
}
