/** The actions the server writes to the audit trail today. */
export const auditActions = [
  'create',
  'update',
  'delete',
  'login',
  'login_failed',
  'logout',
  'change_password',
  'reset_password',
  'block',
  'pin_reset',
  'enrol',
  're_enrol',
  'revoke',
  'rotate',
  'seed',
] as const;
