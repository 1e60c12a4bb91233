import { describe, expect, it } from 'vitest';
import { makeTheme } from './theme.js';

describe('theme', () => {
  it('colours tones by default', () => {
    const theme = makeTheme({});
    expect(theme.noColor).toBe(false);
    expect(theme.tone('bad').color).toBe('red');
    expect(theme.title.backgroundColor).toBe('blue');
  });

  it('uses no colour at all under NO_COLOR, keeping bold/dim/inverse emphasis', () => {
    const theme = makeTheme({ NO_COLOR: '1' });
    expect(theme.noColor).toBe(true);
    for (const tone of ['bad', 'warn', 'ok', 'dim', 'accent', 'heading'] as const) {
      expect(theme.tone(tone).color).toBeUndefined();
      expect(theme.tone(tone).backgroundColor).toBeUndefined();
    }
    expect(theme.title.color).toBeUndefined();
    expect(theme.title.inverse).toBe(true);
  });

  it('ignores an empty NO_COLOR, as the convention says', () => {
    expect(makeTheme({ NO_COLOR: '' }).noColor).toBe(false);
  });
});
