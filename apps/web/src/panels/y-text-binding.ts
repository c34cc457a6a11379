import type * as Y from 'yjs';

/** One contiguous edit: delete `deleteCount` characters at `index`, then insert `insert` there. */
export type TextSpanEdit = { index: number; deleteCount: number; insert: string };

/**
 * The smallest single-span edit turning `before` into `after`. `caret` (the selection end after the edit)
 * disambiguates repeated characters: typing "a" inside "aa" at offset 1 is an insert at 1, not at 2, which
 * matters when a collaborator edits nearby at the same time.
 */
export function changedSpan(before: string, after: string, caret: number): TextSpanEdit | null {
  if (before === after) return null;
  const shortest = Math.min(before.length, after.length);
  let suffix = 0;
  const suffixCap = Math.min(shortest, Math.max(0, after.length - caret));
  while (
    suffix < suffixCap &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  let prefix = 0;
  const prefixCap = shortest - suffix;
  while (prefix < prefixCap && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  // Never split a surrogate pair (an emoji): widen the span to whole code points.
  if (prefix > 0 && isHigh(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLow(before.charCodeAt(before.length - suffix))) suffix--;
  return {
    index: prefix,
    deleteCount: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

export type DeltaOp = { retain?: number; insert?: unknown; delete?: number };

/**
 * Maps a caret offset (in the text before the change) through a Y.Text delta. Text inserted exactly at the
 * caret stays after it, so the local user keeps typing where they were; a deletion spanning the caret pulls
 * it to the deletion's start.
 */
export function transformOffset(delta: readonly DeltaOp[], offset: number): number {
  let oldIndex = 0;
  let result = offset;
  for (const op of delta) {
    if (oldIndex >= offset) break;
    if (op.retain !== undefined) {
      oldIndex += op.retain;
    } else if (op.insert !== undefined) {
      result += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      result -= Math.min(op.delete, offset - oldIndex);
      oldIndex += op.delete;
    }
  }
  return result;
}

export type TextBinding = {
  /** Replaces the selection with `text` (e.g. an inserted reference) and puts the caret after it. */
  insertAtSelection(text: string): void;
  destroy(): void;
};

/**
 * Two-way binding between a textarea and a Y.Text. Local input becomes the minimal span edit on the Y.Text
 * (so concurrent typing elsewhere survives); remote changes rewrite the textarea and carry the local
 * selection through the delta, so the caret does not jump while someone else types. Invariant: after every
 * event, `textarea.value === text.toString()`.
 */
export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): TextBinding {
  let writing = false;
  textarea.value = text.toString();

  const write = (edit: TextSpanEdit) => {
    writing = true;
    try {
      // Origin stays null (a plain local transaction) so the per-user undo manager tracks it.
      const apply = () => {
        if (edit.deleteCount > 0) text.delete(edit.index, edit.deleteCount);
        if (edit.insert.length > 0) text.insert(edit.index, edit.insert);
      };
      if (text.doc) text.doc.transact(apply);
      else apply();
    } finally {
      writing = false;
    }
  };

  const onInput = () => {
    const edit = changedSpan(text.toString(), textarea.value, textarea.selectionEnd);
    if (edit) write(edit);
  };

  const onRemote = (event: Y.YTextEvent) => {
    if (writing) return;
    const focused = textarea.ownerDocument.activeElement === textarea;
    const { selectionStart, selectionEnd, selectionDirection } = textarea;
    const delta = event.delta as DeltaOp[];
    textarea.value = text.toString();
    if (focused) {
      textarea.setSelectionRange(
        transformOffset(delta, selectionStart),
        transformOffset(delta, selectionEnd),
        selectionDirection ?? undefined,
      );
    }
  };

  textarea.addEventListener('input', onInput);
  text.observe(onRemote);

  return {
    insertAtSelection(snippet) {
      const { selectionStart, selectionEnd } = textarea;
      write({ index: selectionStart, deleteCount: selectionEnd - selectionStart, insert: snippet });
      textarea.value = text.toString();
      const caret = selectionStart + snippet.length;
      textarea.focus();
      textarea.setSelectionRange(caret, caret);
    },
    destroy() {
      textarea.removeEventListener('input', onInput);
      text.unobserve(onRemote);
    },
  };
}
