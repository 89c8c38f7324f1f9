import { describe, expect, it } from 'vitest';
import { pickLocale } from './locale.js';

describe('pickLocale', () => {
  it('speaks Korean to a Korean browser and English to others', () => {
    expect(pickLocale(null, ['ko-KR', 'en-US'])).toBe('ko');
    expect(pickLocale(null, ['ko'])).toBe('ko');
    expect(pickLocale(null, ['fr-FR', 'en-GB'])).toBe('en');
    expect(pickLocale(null, ['de-DE'])).toBe('en');
    expect(pickLocale(undefined, [])).toBe('en');
  });

  it('keeps the language the visitor chose, whatever the browser says', () => {
    expect(pickLocale('en', ['ko-KR'])).toBe('en');
    expect(pickLocale('ko', ['en-US'])).toBe('ko');
  });

  it('ignores a stored value it does not speak', () => {
    expect(pickLocale('ja', ['ko-KR'])).toBe('ko');
    expect(pickLocale('', ['en'])).toBe('en');
  });
});
