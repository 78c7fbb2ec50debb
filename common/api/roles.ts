import { z } from 'zod';
import { PERMISSION_KEYS } from '../permissions';
import { label, longText, versionField } from './fields';

const permissionField = z.enum(PERMISSION_KEYS as [string, ...string[]], { error: 'is not a known permission' });

export const roleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    permissions: z.array(permissionField),
    memberCount: z.number().int(),
    version: z.number().int(),
    can: z.object({ update: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: 'Role' });

export const rolesListSchema = z.object({
  items: z.array(roleSchema),
  permissions: z.array(z.object({ key: z.string(), description: z.string() })),
  can: z.object({ create: z.boolean() }),
});

export const createRoleBodySchema = z.strictObject({
  name: label(80),
  description: longText(500).default(''),
  permissions: z.array(permissionField).max(50).default([]),
});

export const updateRoleBodySchema = z.strictObject({
  version: versionField,
  name: label(80).optional(),
  description: longText(500).optional(),
  permissions: z.array(permissionField).max(50).optional(),
});

export type Role = z.infer<typeof roleSchema>;
export type RolesList = z.infer<typeof rolesListSchema>;
export type CreateRoleBody = z.input<typeof createRoleBodySchema>;
export type UpdateRoleBody = z.infer<typeof updateRoleBodySchema>;
