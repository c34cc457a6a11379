import { describe, expect, it } from 'vitest';
import { isTypingTarget, matchShortcut } from './shortcuts';

const press = (
  key: string,
  mods: Partial<Record<'ctrl' | 'meta' | 'shift' | 'alt', boolean>> = {},
  code = '',
) => ({
  key,
  code,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('matchShortcut', () => {
  it('maps undo/redo on every platform', () => {
    expect(matchShortcut(press('z', { ctrl: true }))).toBe('undo');
    expect(matchShortcut(press('z', { meta: true }))).toBe('undo');
    expect(matchShortcut(press('Z', { meta: true, shift: true }))).toBe('redo');
    expect(matchShortcut(press('y', { ctrl: true }))).toBe('redo');
  });

  it('maps view and edit keys', () => {
    expect(matchShortcut(press('!', { shift: true }, 'Digit1'))).toBe('fitView');
    expect(matchShortcut(press('L', { shift: true }))).toBe('autoLayout');
    expect(matchShortcut(press('d', { ctrl: true }))).toBe('duplicate');
    expect(matchShortcut(press('?', { shift: true }))).toBe('help');
    expect(matchShortcut(press('l'))).toBeNull();
    expect(matchShortcut(press('c', { ctrl: true }))).toBeNull();
  });
});

describe('isTypingTarget', () => {
  it('treats text fields as typing targets but not checkboxes or the canvas', () => {
    const fake = (tagName: string, extra: Record<string, unknown> = {}) =>
      ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
    expect(isTypingTarget(fake('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(fake('INPUT', { type: 'text' }))).toBe(true);
    expect(isTypingTarget(fake('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(fake('DIV'))).toBe(false);
    expect(isTypingTarget(fake('DIV', { isContentEditable: true }))).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});
