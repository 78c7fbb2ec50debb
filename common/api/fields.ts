import { z } from 'zod';

// Control characters (other than tab and newline in long text) have no place in names and labels;
// they hide text in logs and break exports. Bidirectional overrides disguise text (Trojan Source);
// zero-width joiners stay allowed because emoji and many scripts need them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\u202A-\u202E\u2066-\u2069]/;

/** A single-line human label: trimmed, NFC-normalised, no control characters, bounded length. */
export function label(max = 200) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .refine((value) => !CONTROL_CHARACTERS.test(value) && !/[\r\n\t]/.test(value), 'must not contain control characters or line breaks'),
    );
}

/** Free text such as a description: may be empty, may contain line breaks. */
export function longText(max = 2000) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .max(max, `must be at most ${max} characters`)
        .refine((value) => !CONTROL_CHARACTERS.test(value), 'must not contain control characters'),
    );
}

export const emailField = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be a valid email address'))
  .transform((value) => value.toLowerCase());

export const idField = z.uuid('must be a valid id');

/** A calendar date, YYYY-MM-DD. */
export const dateField = z.iso.date('must be a date in the form YYYY-MM-DD');

export const passwordField = z.string().min(1, 'is required').max(256, 'must be at most 256 characters');

export const versionField = z.number().int().min(1).describe('The version you last read; a stale one is refused with 409');
