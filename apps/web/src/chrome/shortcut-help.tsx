import { useEffect, useRef } from 'react';
import { SHORTCUT_HELP } from '../canvas/shortcuts';

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The keyboard shortcut sheet (opened with `?`). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.focus();
  }, []);
  return (
    // The backdrop closes on click; Esc is handled by the global shortcuts.
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer affordance with a keyboard equivalent.
    // biome-ignore lint/a11y/useKeyWithClickEvents: Esc closes it (use-shortcuts).
    <div className="overlay" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialog}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-help-title"
        tabIndex={-1}
      >
        <header className="dialog__header">
          <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog__columns">
          {SHORTCUT_HELP.map((group) => (
            <section key={group.group}>
              <h3>{group.group}</h3>
              <dl className="keys">
                {group.items.map((item) => (
                  <div key={item.label} className="keys__row">
                    <dt>{item.label}</dt>
                    <dd>
                      {item.keys.map((key) => (
                        <kbd key={key}>{IS_MAC && key === 'Ctrl' ? '⌘' : key}</kbd>
                      ))}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
        <p className="dialog__foot">Shortcuts pause while you type in a field.</p>
      </div>
    </div>
  );
}
