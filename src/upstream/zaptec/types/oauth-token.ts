/** Zaptec's token response (§2); `token_type` is "bearer" since the 2025-11 migration. */
export interface OAuthToken {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token?: string;
}
