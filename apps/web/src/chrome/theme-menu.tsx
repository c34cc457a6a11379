import { useCallback, useRef, useState } from 'react';
import { setThemePreference, THEME_PREFERENCES, type ThemePreference, useThemePreference } from '../ui/theme';
import { useDismiss } from '../ui/use-dismiss';
import { Icon, type IconName } from './icons';

const CHOICES: Record<ThemePreference, { label: string; icon: IconName }> = {
  system: { label: 'System', icon: 'monitor' },
  light: { label: 'Light', icon: 'sun' },
  dark: { label: 'Dark', icon: 'moon' },
};

/**
 * The theme choices as radio items of a menu (the account menu, or ThemeMenu where there is no account).
 * Picking one keeps the menu open, so the user sees the result and can change their mind.
 */
export function ThemeMenuItems() {
  const preference = useThemePreference();
  return (
    <fieldset className="theme-choice">
      <legend className="popover__label">Theme</legend>
      <div className="theme-choice__options">
        {THEME_PREFERENCES.map((option) => (
          <button
            key={option}
            type="button"
            role="menuitemradio"
            aria-checked={option === preference}
            className="theme-choice__option"
            onClick={() => setThemePreference(option)}
          >
            <Icon name={CHOICES[option].icon} size={14} />
            {CHOICES[option].label}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

/** A top-bar button with the theme choices, for pages without an account menu (the playground). */
export function ThemeMenu() {
  const preference = useThemePreference();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  return (
    <div className="menu-anchor" ref={ref}>
      <button
        type="button"
        className={`topbar__tool${open ? ' is-active' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Theme: ${CHOICES[preference].label}`}
        title="Theme"
        onClick={() => setOpen((value) => !value)}
      >
        <Icon name={CHOICES[preference].icon} />
      </button>
      {open && (
        <div className="popover popover--right" role="menu" aria-label="Theme">
          <ThemeMenuItems />
        </div>
      )}
    </div>
  );
}
