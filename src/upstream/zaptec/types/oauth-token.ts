import { z } from 'zod';

/** Zaptec's token response (§2); `token_type` is "bearer" since the 2025-11 migration. */
export const oauthTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
  refresh_token: z.string().optional(),
});

export type OAuthToken = z.infer<typeof oauthTokenSchema>;
