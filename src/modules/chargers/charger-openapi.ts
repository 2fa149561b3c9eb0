/** The `:id` path parameter of the routes on one charger. */
export const CHARGER_ID_PARAM = {
  name: 'id',
  format: 'uuid',
  description: 'The charger id.',
} as const;
