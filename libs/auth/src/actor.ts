export const ROLES = ['admin', 'programme-manager', 'partner-member', 'steering-group', 'analyst'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the token's subject, roles and the partner organisation they act for. Never a name. */
export interface Actor {
  sub: string;
  roles: Role[];
  partner?: string;
}
