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

/** What `POST /api/admin/keys/rotate` answers: the key new tokens are signed with, and every key published. */
export const keyRotationSchema = z.object({
  activeKid: z.string(),
  kids: z.array(z.string()),
  rotatedAt: z.string(),
});
export type KeyRotation = z.infer<typeof keyRotationSchema>;
