import { describe, expect, it } from 'vitest';
import { immediateEmail } from '../../src/modules/notifications/notifications.domain';

describe('notification emails', () => {
  it('keep the subject on one line whatever people wrote, and their text as plain text', () => {
    const mail = immediateEmail(
      'en',
      'moderation',
      {
        listingId: 7,
        listingTitle: 'Birch <img src=x onerror=alert(1)>',
        moderation: {
          itemType: 'listing',
          action: 'hidden',
          reason: 'Spam.\r\nBcc: everyone@example.org\nSecond line',
        },
      },
      'https://omloop.example',
    );
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toBe(
      'Omloop: A coordinator hid ‘Birch <img src=x onerror=alert(1)>’: Spam. Bcc: everyone@example.org Second line',
    );
    expect(mail.body).toContain('Spam.\r\nBcc: everyone@example.org\nSecond line');
    expect(mail.body).toContain('https://omloop.example/listings/7');
  });
});
