import { z } from 'zod';

export const loginSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const identityResponseSchema = z.object({
  idToken: z.string(),
  userId: z.string(),
  kind: z.enum(['guest', 'member']),
  displayName: z.string().optional(),
  expiresAt: z.string(),
});
export type IdentityResponse = z.infer<typeof identityResponseSchema>;
