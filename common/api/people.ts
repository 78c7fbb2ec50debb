import { z } from 'zod';
import { dateField, emailField, idField, label, versionField } from './fields';

const reference = z.object({ id: z.string(), name: z.string() });

export const personSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(['active', 'suspended']),
    startDate: z.string().nullable(),
    manager: reference.nullable(),
    roles: z.array(reference),
    teams: z.array(reference),
    hasPassword: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
    can: z.object({ update: z.boolean(), suspend: z.boolean(), issueReset: z.boolean() }),
  })
  .meta({ id: 'Person' });

export const listPeopleQuerySchema = z.strictObject({
  q: z.string().trim().max(200).optional().describe('Matches name or email'),
  status: z.enum(['active', 'suspended']).optional(),
  roleId: idField.optional(),
  teamId: idField.optional(),
});

export const peopleListSchema = z.object({
  items: z.array(personSchema),
  can: z.object({ create: z.boolean() }),
});

export const createPersonBodySchema = z.strictObject({
  name: label(200),
  email: emailField,
  roleIds: z.array(idField).min(1, 'choose at least one role').max(20),
  teamIds: z.array(idField).max(50).default([]),
  startDate: dateField.nullable().default(null),
  managerId: idField.nullable().default(null),
});

export const updatePersonBodySchema = z.strictObject({
  version: versionField,
  name: label(200).optional(),
  email: emailField.optional(),
  roleIds: z.array(idField).min(1, 'choose at least one role').max(20).optional(),
  startDate: dateField.nullable().optional(),
  managerId: idField.nullable().optional(),
});

export const passwordResetLinkSchema = z.object({
  url: z.string().describe('A one-time link; share it with the person privately'),
  expiresAt: z.string(),
});

export const createdPersonSchema = z.object({
  person: personSchema,
  setPasswordLink: passwordResetLinkSchema,
});

export const peopleDirectorySchema = z
  .object({
    items: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()) })),
  })
  .meta({ id: 'PeopleDirectory' });

export type Person = z.infer<typeof personSchema>;
export type PeopleDirectory = z.infer<typeof peopleDirectorySchema>;
export type PeopleList = z.infer<typeof peopleListSchema>;
export type CreatePersonBody = z.input<typeof createPersonBodySchema>;
export type UpdatePersonBody = z.infer<typeof updatePersonBodySchema>;
export type PasswordResetLink = z.infer<typeof passwordResetLinkSchema>;
export type CreatedPerson = z.infer<typeof createdPersonSchema>;
