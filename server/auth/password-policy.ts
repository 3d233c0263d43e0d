/**
 * The password rules for staff accounts: at least 12 characters (length matters more than character
 * classes; a phrase of a few words reaches it easily), not containing the username, not a commonly used or
 * repetitive password. In demo mode, and only there, the demo password is accepted so that a newcomer can
 * try the system.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Passwords (lower case) that appear at the top of every breach list, plus local favourites. */
const commonPasswords = new Set([
  '123456789012', '1234567890123', '12345678901234', 'qwertyuiopas', 'qwerty123456', '123456123456',
  'password1234', 'password12345', 'password123!', 'passw0rd1234', 'iloveyou1234', 'welcome12345',
  'welcome123456', 'administrator', 'admin1234567', 'adminadmin12', 'letmein12345', 'changeme1234',
  'changemenow!', 'trustno1trustno1', 'aaaaaaaaaaaa', '111111111111', '000000000000', 'abcdefghijkl',
  'abcd1234abcd', 'football1234', 'baseball1234', 'superman1234', 'princess1234', 'sunshine1234',
  'monkey123456', 'dragon123456', 'master123456', 'qazwsxedcrfv', '1q2w3e4r5t6y', 'zaq12wsxcde3',
  'correcthorsebatterystaple', 'correct horse battery staple', 'hiwahiwahiwa', 'hiwa12345678',
  'mhpss1234567', 'iraq12345678', 'baghdad12345', 'erbil1234567', 'kurdistan123', 'kurdistan1234',
]);

export interface PasswordCheck {
  ok: boolean;
  /** why not, phrased for the person choosing it */
  reason?: string;
}

export function checkPassword(password: string, username: string, demo?: { enabled: boolean; password: string }): PasswordCheck {
  if (demo?.enabled && password === demo.password) return { ok: true };
  if (password.length < MIN_PASSWORD_LENGTH) {
    return { ok: false, reason: `Use at least ${MIN_PASSWORD_LENGTH} characters; a phrase of several words is easiest to remember` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: `Use at most ${MAX_PASSWORD_LENGTH} characters` };
  const lower = password.toLowerCase();
  const user = username.toLowerCase();
  if (user.length >= 3 && (lower.includes(user) || user.includes(lower))) {
    return { ok: false, reason: 'The password must not contain the username' };
  }
  if (commonPasswords.has(lower) || /^(.)\1+$/.test(password) || /^(.{1,4})\1+$/.test(lower)) {
    return { ok: false, reason: 'This password is too common or too repetitive; choose another' };
  }
  return { ok: true };
}
