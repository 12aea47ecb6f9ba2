import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { escapeXml, render } from '../src/open311/format.js';

describe('Open311 XML', () => {
  it('escapes markup and keeps Chinese as it is', () => {
    expect(escapeXml(`A&B <路> "x" 'y'`)).toBe('A&amp;B &lt;路&gt; &quot;x&quot; &apos;y&apos;');
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('replaces what XML cannot carry, so a document stays well formed whatever a row holds', () => {
    const odd = `a\u0000b\u001Fc\uD800d\uFFFFe\tf\ng`;
    const xml = render('xml', 'errors', [{ code: 400, description: odd }]);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\tf\ng');
  });

  it('writes lists as the specification shows them, and an empty field as an empty element', () => {
    const xml = render('xml', 'service_requests', [
      { service_request_id: 'R1', media_url: null, lat: 32.5, description: '楼道 <杂物> & 车' },
    ]);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests><request><service_request_id>R1</service_request_id>' +
        '<media_url/><lat>32.5</lat><description>楼道 &lt;杂物&gt; &amp; 车</description></request></service_requests>',
    );
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml);
    expect(parsed.service_requests.request.description).toBe('楼道 <杂物> & 车');
    expect(render('xml', 'service_requests', [])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_requests></service_requests>',
    );
    expect(render('json', 'service_requests', [{ media_url: undefined }])).toBe('[{"media_url":null}]');
  });

  it('refuses, as a programming error, a list the specification names no item element for', () => {
    expect(() => render('xml', 'things', [1])).toThrow(/no item element/);
  });
});
