// The mail settings of the configuration (docs/consents.md "Settings"): SMTP only when asked for,
// and a clear error for settings that cannot work.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config';

describe('mail configuration', () => {
  it('has no SMTP without SMTP_HOST, so mail is logged as not sent', () => {
    expect(readConfig({}).smtp).toBeUndefined();
    expect(readConfig({}).publicUrl).toBeUndefined();
  });

  it('reads SMTP and the public address from the environment', () => {
    const config = readConfig({
      SMTP_HOST: 'smtp.kommun.example',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'portvakt',
      SMTP_PASSWORD: 'hemligt',
      MAIL_FROM: 'portvakt@kommun.example',
      PUBLIC_URL: 'https://portvakt.kommun.example/',
    });
    expect(config.smtp).toEqual({
      host: 'smtp.kommun.example',
      port: 465,
      isSecure: true,
      user: 'portvakt',
      password: 'hemligt',
      from: 'portvakt@kommun.example',
    });
    expect(config.publicUrl).toBe('https://portvakt.kommun.example');
    expect(readConfig({ SMTP_HOST: 'mail', MAIL_FROM: 'a@b.example' }).smtp?.port).toBe(587);
  });

  it('refuses settings that cannot work', () => {
    expect(() => readConfig({ SMTP_HOST: 'mail' })).toThrow(ConfigError);
    expect(() => readConfig({ SMTP_HOST: 'mail', MAIL_FROM: 'a@b.example', SMTP_PORT: 'x' })).toThrow(
      /SMTP_PORT/,
    );
    expect(() => readConfig({ PUBLIC_URL: 'portvakt.kommun.example' })).toThrow(/PUBLIC_URL/);
  });
});
