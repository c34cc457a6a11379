import { useEffect, useRef } from 'react';
import { isTypingTarget } from './shortcuts';
import type { EditorActions } from './use-editor-actions';

/** True when the user has selected page text (in the side panel, say): the browser's copy must win then. */
function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().length > 0;
}

/**
 * Copy, cut and paste through the browser's clipboard events: they carry the system clipboard without a
 * permission prompt. The selection travels as JSON text, so it also pastes into another tab of Tandem.
 * The last copy is kept in memory too, for browsers that hand out no clipboard data; text from other apps
 * is ignored.
 */
export function useClipboardEvents(actions: EditorActions, readOnly: boolean): void {
  const memory = useRef<string | null>(null);
  const readOnlyRef = useRef(readOnly);
  readOnlyRef.current = readOnly;

  useEffect(() => {
    const skip = (event: ClipboardEvent) =>
      isTypingTarget(event.target) || isTypingTarget(document.activeElement);

    const onCopy = (event: ClipboardEvent, cut: boolean) => {
      if (skip(event) || hasTextSelection()) return;
      const text = actions.copyText();
      if (text === null) return;
      memory.current = text;
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
      if (cut && !readOnlyRef.current) actions.deleteSelection();
    };
    const copy = (event: ClipboardEvent) => onCopy(event, false);
    const cut = (event: ClipboardEvent) => onCopy(event, true);
    const paste = (event: ClipboardEvent) => {
      if (skip(event) || readOnlyRef.current) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      event.preventDefault();
      if (text !== '') actions.pasteText(text);
      else if (memory.current !== null) actions.pasteText(memory.current);
    };
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, [actions]);
}
