import { z } from 'zod';
import { PERMISSION_KEYS } from '../permissions';
import { emailField, label, passwordField } from './fields';

export const signInBodySchema = z.strictObject({
  email: emailField,
  password: passwordField,
});

export const abilitiesSchema = z.object({
  listPeople: z.boolean(),
  pickPeople: z.boolean().describe('May read the people directory (names and roles) to name reviewers and participants'),
  managePeople: z.boolean(),
  manageRoles: z.boolean(),
  manageTeams: z.boolean(),
  readAudit: z.boolean(),
  eraseAudit: z.boolean(),
  authorSops: z.boolean(),
  approveSops: z.boolean(),
  manageSettings: z.boolean(),
});

export const meSchema = z
  .object({
    person: z.object({ id: z.string(), name: z.string(), email: z.string(), startDate: z.string().nullable() }),
    organisation: z.object({ id: z.string(), name: z.string(), slug: z.string() }),
    roles: z.array(z.object({ id: z.string(), name: z.string() })),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    permissions: z.array(z.enum(PERMISSION_KEYS as [string, ...string[]])),
    can: abilitiesSchema,
    csrfToken: z.string().nullable().describe('Send as X-CSRF-Token on writes made with the session cookie'),
    authenticatedVia: z.enum(['session', 'token']),
  })
  .meta({ id: 'Me' });

export const changePasswordBodySchema = z.strictObject({
  currentPassword: passwordField,
  newPassword: passwordField,
});

export const completePasswordResetBodySchema = z.strictObject({
  token: z.string().min(1).max(200),
  newPassword: passwordField,
});

export const passwordResetStatusSchema = z.object({
  valid: z.boolean(),
  name: z.string().nullable(),
  expiresAt: z.string().nullable(),
});

export const signOutEverywhereResponseSchema = z.object({ sessionsEnded: z.number().int() });

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const createApiTokenBodySchema = z.strictObject({
  name: label(100),
  expiresInDays: z.number().int().min(1).max(365).nullable().default(90),
});

export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('Shown once; store it now'),
});

export type SignInBody = z.infer<typeof signInBodySchema>;
export type Me = z.infer<typeof meSchema>;
export type Abilities = z.infer<typeof abilitiesSchema>;
export type ApiToken = z.infer<typeof apiTokenSchema>;
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
export type CreateApiTokenBody = z.input<typeof createApiTokenBodySchema>;
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;
export type CompletePasswordResetBody = z.infer<typeof completePasswordResetBodySchema>;
export type PasswordResetStatus = z.infer<typeof passwordResetStatusSchema>;
