export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'duplicate'
  | 'selectAll'
  | 'autoLayout'
  | 'fitView'
  | 'zoomIn'
  | 'zoomOut'
  | 'help'
  | 'findNode'
  | 'selectMode'
  | 'panMode'
  | 'commentMode'
  | 'escape';

type KeyLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** True when the event comes from somewhere the user types text: shortcuts must leave those keys alone. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Partial<HTMLElement>).tagName !== 'string') return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (element as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
  }
  return element.isContentEditable;
}

/**
 * Maps a key press to an editor action. Ctrl and Cmd are interchangeable so one table serves every platform.
 * Copy, cut and paste are not here: they ride the browser's clipboard events (see use-clipboard.ts).
 */
export function matchShortcut(event: KeyLike): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return null;
  if (mod) {
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !event.shiftKey) return 'redo';
    if (key === 'd' && !event.shiftKey) return 'duplicate';
    if (key === 'a' && !event.shiftKey) return 'selectAll';
    if (key === '=' || key === '+') return 'zoomIn';
    if (key === '-') return 'zoomOut';
    return null;
  }
  // Shift+1 arrives as "!" on US layouts; `code` names the physical key whatever the layout.
  if (event.shiftKey && event.code === 'Digit1') return 'fitView';
  if (event.shiftKey && key === 'l') return 'autoLayout';
  if (key === '?') return 'help';
  if (event.shiftKey) return null;
  switch (key) {
    case '=':
    case '+':
      return 'zoomIn';
    case '-':
      return 'zoomOut';
    case '/':
      return 'findNode';
    case 'v':
      return 'selectMode';
    case 'h':
      return 'panMode';
    case 'c':
      return 'commentMode';
    case 'escape':
      return 'escape';
    default:
      return null;
  }
}

/** The help sheet, grouped; `keys` are shown as written (⌘ on macOS is the same as Ctrl). */
export const SHORTCUT_HELP: readonly {
  group: string;
  items: readonly { keys: string[]; label: string }[];
}[] = [
  {
    group: 'Edit',
    items: [
      { keys: ['Ctrl', 'Z'], label: 'Undo your last change' },
      { keys: ['Ctrl', 'Shift', 'Z'], label: 'Redo (also Ctrl Y)' },
      { keys: ['Ctrl', 'C'], label: 'Copy selected nodes' },
      { keys: ['Ctrl', 'X'], label: 'Cut selected nodes' },
      { keys: ['Ctrl', 'V'], label: 'Paste' },
      { keys: ['Ctrl', 'D'], label: 'Duplicate selection' },
      { keys: ['Delete'], label: 'Delete selection (also Backspace)' },
      { keys: ['Shift', 'L'], label: 'Tidy up (auto-layout)' },
    ],
  },
  {
    group: 'Select',
    items: [
      { keys: ['Shift', 'Click'], label: 'Add to selection' },
      { keys: ['Shift', 'Drag'], label: 'Box select' },
      { keys: ['Ctrl', 'A'], label: 'Select all' },
      { keys: ['V'], label: 'Selection tool (drag draws a box)' },
      { keys: ['H'], label: 'Hand tool (drag pans)' },
      { keys: ['C'], label: 'Comment tool (click a node or the canvas)' },
      { keys: ['Esc'], label: 'Clear selection' },
    ],
  },
  {
    group: 'View',
    items: [
      { keys: ['Shift', '1'], label: 'Zoom to fit' },
      { keys: ['+'], label: 'Zoom in' },
      { keys: ['-'], label: 'Zoom out' },
      { keys: ['/'], label: 'Find a node type to add' },
      { keys: ['?'], label: 'Show this help' },
    ],
  },
];
