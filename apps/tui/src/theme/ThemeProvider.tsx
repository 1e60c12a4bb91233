/**
 * The theme context: components draw tones without knowing about NO_COLOR.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { makeTheme, type Theme } from './theme.js';

const ThemeContext = createContext<Theme>(makeTheme({}));

/** Provides the theme to every component below. */
export function ThemeProvider({ theme, children }: { theme: Theme; children: ReactNode }): ReactNode {
  return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

/** The current theme. */
export const useTheme = (): Theme => useContext(ThemeContext);
