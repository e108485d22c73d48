import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/http/html';
import { previewTags } from '../../src/http/page-preview';

describe('link preview tags', () => {
  it('escape people’s text in every tag and keep the JSON-LD a data block', () => {
    const tags = previewTags(
      {
        title: 'Oak "best" <script>alert(1)</script> & co',
        description: "It's </script><script>alert(2)</script>",
        image: 'https://omloop.example/api/v1/listings/4/photos/9',
        jsonLd: { '@type': 'Product', name: '</script><script>alert(3)</script>' },
      },
      'https://omloop.example/listings/4',
    );
    expect(tags).not.toContain('<script>alert');
    expect(tags).toContain(`content="${escapeHtml('Oak "best" <script>alert(1)</script> & co')}"`);
    expect(tags).toContain(
      '<meta property="og:image" content="https://omloop.example/api/v1/listings/4/photos/9" />',
    );
    expect(tags).toContain('<meta name="twitter:card" content="summary_large_image" />');
    const ld = /<script type="application\/ld\+json">(.*)<\/script>$/.exec(tags)?.[1];
    expect(JSON.parse(ld!)).toEqual({ '@type': 'Product', name: '</script><script>alert(3)</script>' });
    expect(tags.match(/<\/script>/g)).toHaveLength(1);
  });

  it('says "summary" and has no image tag without a photo', () => {
    const tags = previewTags(
      { title: 'T', description: 'D', image: null, jsonLd: {} },
      'https://x.example/requests/1',
    );
    expect(tags).toContain('<meta name="twitter:card" content="summary" />');
    expect(tags).not.toContain('og:image');
  });
});
