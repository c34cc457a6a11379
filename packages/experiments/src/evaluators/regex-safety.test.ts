import { describe, expect, it } from 'vitest';
import { checkRegexSafety } from './regex-safety';

const EVIL: [string, string?][] = [
  ['(a+)+'],
  ['(a*)*'],
  ['(a|aa)+'],
  ['(\\w+\\s?)*'],
  ['^(a+)+$'],
  ['(.*a){12}'],
  ['^(([a-z])+.)+[A-Z]([a-z])+$'],
  ['(x+x+)+y'],
  ['(\\d{1,3})+$'],
  ['(x\\w*)*'],
  ['(\\w|\\d)+$'],
  ['((a|a))*'],
  ['(a|b?)+'],
  ['^(?:a+)+$'],
  ['(?<word>\\w+\\s*)+$'],
  ['(A+)+', 'i'],
  ['^(\\s*,?\\s*\\w+)*$'],
  ['.*.*=.*'],
  ['\\d+\\d*'],
  ['(?:[a-z]+[0-9]*)+$'],
];

const FINE: [string, string?][] = [
  ['^\\d+$'],
  ['^[a-z]+@[a-z]+\\.[a-z]{2,}$', 'i'],
  ['(foo|bar)+'],
  ['^(\\w+)\\s(\\w+)$'],
  ['\\b(yes|no)\\b', 'i'],
  ['^[A-Z][a-z]*( [A-Z][a-z]*)*$'],
  ['^(\\d{1,3}\\.){3}\\d{1,3}$'],
  ['(\\d+,)*\\d+'],
  ['^-?\\d+(\\.\\d+)?$'],
  ['^\\d+\\.?\\d*$'],
  ['(a|b)*c'],
  ['Paris'],
  ['.*foo.*'],
  ['^\\s*\\{[\\s\\S]*\\}\\s*$'],
  ['(?<=\\$)\\d+'],
  ['\\p{Lu}+', 'u'],
  ['[\\]()+*]+'],
  ['(ab){50}'],
  ['\\u{1F600}+', 'u'],
  ['^(?:https?://)?[\\w.-]+(?:/[\\w.-]*)*$'],
];

describe('checkRegexSafety', () => {
  it.each(EVIL)('refuses %s', (pattern, flags) => {
    const result = checkRegexSafety(pattern, flags);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/exponential|polynomial/);
  });

  it.each(FINE)('accepts %s', (pattern, flags) => {
    expect(checkRegexSafety(pattern, flags)).toEqual({ ok: true });
  });
});
