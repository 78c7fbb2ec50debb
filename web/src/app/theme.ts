import { Anchor, createTheme, Modal, Notification, defaultVariantColorsResolver, parseThemeColor, type CSSVariablesResolver, type VariantColorsResolver } from '@mantine/core';

// Text colours for the light, subtle and outline variants, darkened from Mantine's palette until
// they reach 5:1 on the variant's tinted background (WCAG 2.2 AA asks for 4.5:1).
const READABLE_TEXT: Record<string, string> = {
  dark: '#141414',
  gray: '#212529',
  red: '#bf2828',
  pink: '#a61e4d',
  grape: '#862e9c',
  violet: '#5f3dc4',
  indigo: '#364fc7',
  blue: '#1864ab',
  cyan: '#0b7285',
  teal: '#077252',
  green: '#257535',
  lime: '#4a760a',
  yellow: '#a15300',
  orange: '#b83d0d',
};

const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  if (!['light', 'subtle', 'outline', 'transparent'].includes(input.variant)) return resolved;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  const text = parsed.isThemeColor ? READABLE_TEXT[parsed.color] : undefined;
  if (!text) return resolved;
  return { ...resolved, color: text, ...(input.variant === 'outline' ? { border: `1px solid ${text}` } : {}) };
};

export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  // Someone who asks their system for less motion gets dialogs, menus and notices without it.
  respectReducedMotion: true,
  variantColorResolver,
  components: {
    // Links inside text must be told apart without relying on colour (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
    // Mantine's close buttons are icons without a name; a screen reader would announce "button".
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    // Under a title, Mantine greys a notification's message (gray.6, 3.3:1 on white); ours says
    // what failed and why, so it reads at full contrast.
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } }, styles: { description: { color: 'var(--mantine-color-gray-8)' } } }),
  },
});

/** Mantine's default dimmed grey and error red are below 4.5:1 on white; these pass WCAG 2.2 AA. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: {},
});
