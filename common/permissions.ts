/** Every system permission a role can carry, with the words the UI shows for it. */
export const PERMISSIONS = {
  'people.read': 'See the people directory and teams',
  'people.manage': 'Add, edit and suspend people; issue password reset links',
  'roles.manage': 'Create and edit roles and their permissions',
  'teams.manage': 'Create teams and manage their members',
  'audit.read': 'See and verify the audit trail',
  'audit.erase': 'Erase personal data from audit events (right to erasure)',
  'settings.manage': 'Change organisation settings',
  'sops.author': 'Write and edit standard operating procedures',
  'sops.approve': 'Approve and sign standard operating procedures',
  'cases.work': 'Work on customer cases',
  'cases.supervise': 'Approve actions above authority and take referrals',
  'training.manage': 'Assign procedures and follow training',
  'insights.read': 'See insights across cases and procedures',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_KEYS = Object.keys(PERMISSIONS) as Permission[];

export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The roles every new organisation starts with; administrators can change them afterwards. */
export const SEEDED_ROLES: ReadonlyArray<{ name: string; description: string; permissions: Permission[] }> = [
  {
    name: 'Agent',
    description: 'Serves customers on every channel and follows the procedures on cases.',
    permissions: ['cases.work'],
  },
  {
    name: 'Senior agent',
    description: 'An experienced agent who takes harder cases and helps improve the procedures.',
    permissions: ['cases.work', 'people.read'],
  },
  {
    name: 'Supervisor',
    description: 'Leads a team: approves actions above an agent’s authority, takes referrals, follows training.',
    permissions: ['cases.work', 'cases.supervise', 'people.read', 'training.manage', 'insights.read'],
  },
  {
    name: 'Quality manager',
    description: 'Approves procedures, sets authority limits and service levels, audits cases and sign-offs.',
    permissions: ['people.read', 'sops.author', 'sops.approve', 'audit.read', 'insights.read', 'training.manage'],
  },
  {
    name: 'Administrator',
    description: 'Manages people, roles, teams, sign-in and settings.',
    permissions: [...(Object.keys(PERMISSIONS) as Permission[])],
  },
];
