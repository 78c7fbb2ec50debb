import { z } from 'zod';
import { label, longText, versionField } from './fields';

export const teamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    members: z.array(z.object({ personId: z.string(), name: z.string(), email: z.string(), isLead: z.boolean() })),
    version: z.number().int(),
    can: z.object({ update: z.boolean(), delete: z.boolean() }),
  })
  .meta({ id: 'Team' });

export const teamsListSchema = z.object({
  items: z.array(teamSchema),
  can: z.object({ create: z.boolean() }),
});

export const createTeamBodySchema = z.strictObject({
  name: label(80),
  description: longText(500).default(''),
});

export const updateTeamBodySchema = z.strictObject({
  version: versionField,
  name: label(80).optional(),
  description: longText(500).optional(),
});

export const addTeamMemberBodySchema = z.strictObject({
  isLead: z.boolean().default(false),
});

export type Team = z.infer<typeof teamSchema>;
export type TeamsList = z.infer<typeof teamsListSchema>;
export type CreateTeamBody = z.input<typeof createTeamBodySchema>;
export type UpdateTeamBody = z.infer<typeof updateTeamBodySchema>;
