<?xml version="1.0" encoding="UTF-8"?>
<!--
  print-escape.xsl: how text from the TEI goes into the Typst document that
  print.xsl writes. Every string of the source passes through one of these two
  functions, each for one syntactic context of Typst; nothing else of print*.xsl
  writes source text into the output.

    pr:markup($text)  text in markup (inside [ ... ] or at the top level)
    pr:string($text)  a Typst string literal "..." (metadata, alt text, ids)

  Typst markup gives meaning to many ASCII characters: # starts code, [ ] and
  { } delimit content and code, * _ ` $ emphasis, raw and maths, < > @ labels
  and references, = - + / headings and lists at a line's start, - . ~ : the
  shorthands (- - for an en dash, ... for an ellipsis, ~ a no-break space, -?
  a soft hyphen), // and /* comments, http:// an automatic link, \ an escape,
  a blank line a paragraph break; and right after an embedded expression
  (#f[...]) a ( [ or . continues it and a ; ends it. So pr:markup puts a
  backslash before every one of those characters ("\#" is a literal "#" in
  Typst, for any character but white space and "u{") and turns every run of
  white space, the newlines Typst knows among it (U+0085, U+2028, U+2029),
  into one space. Straight quotes ' and " stay as they are: in markup they are
  Typst's smart quotes, which print typographic quotes and apostrophes and
  can start nothing.

  Both functions first make the text printable (pr:printable): a PDF/A or
  PDF/UA file may hold no character that its fonts cannot show, nor some
  code points (U+FEFF, private use), and Typst refuses to write one that
  does. So a character outside the repertoire of Libertinus Serif (the
  compiler's own font) in the Latin, Greek and Cyrillic scripts,
  punctuation and common symbols is printed as its code, "[U+1F600]"; a
  space character outside it as a space. (The fallback fonts, New Computer
  Modern and DejaVu Sans Mono, would show more, but text that mixes them
  failed in typst 0.15.) The repertoire below was measured with typst 0.15 (each
  character compiled alone into PDF/A-3b + PDF/UA-1), and tests/test_pdf.py
  compiles all of it at once.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:math="http://www.w3.org/2005/xpath-functions/math"
  xmlns:fn="http://www.w3.org/2005/xpath-functions"
  xmlns:pr="urn:x-anvar-posho-edition:print"
  exclude-result-prefixes="#all">

  <!-- The characters the print can show, as the body of a regex character
       class (white space aside). -->
  <xsl:variable name="pr:repertoire" static="yes" as="xs:string" select="translate('
      &#x21;-&#x7E;&#xA0;-&#x2E4;&#x2EA;-&#x36F;&#x374;-&#x375;&#x37A;-&#x37E;&#x384;-&#x38A;&#x38C;&#x38E;-&#x3A1;
      &#x3A3;-&#x3CE;&#x3D0;-&#x3E1;&#x3F0;-&#x3F6;&#x3F8;-&#x3F9;&#x3FB;&#x3FD;-&#x477;&#x47C;-&#x47F;&#x483;
      &#x48C;-&#x4C4;&#x4C7;-&#x4CC;&#x4D0;-&#x4F9;&#x1E00;-&#x1EFF;&#x2000;-&#x200A;&#x2010;-&#x2027;&#x202F;-&#x2037;&#x2039;-&#x203E;
      &#x2042;&#x2044;&#x2047;-&#x204B;&#x204F;&#x205F;&#x2070;-&#x2071;&#x2074;-&#x208E;&#x2090;-&#x209C;
      &#x20A2;-&#x20A4;&#x20A7;-&#x20A8;&#x20AB;-&#x20AC;&#x20AF;&#x20B1;&#x20B9;&#x20BF;&#x2100;-&#x2103;
      &#x2105;-&#x2106;&#x2109;&#x210C;-&#x210F;&#x2111;&#x2113;&#x2115;-&#x2116;&#x2119;-&#x211A;&#x211C;-&#x211D;
      &#x2120;&#x2122;&#x2124;&#x2126;-&#x2127;&#x212A;-&#x212B;&#x212E;&#x2132;&#x2135;-&#x2139;
      &#x214F;&#x2153;-&#x2184;&#x2190;-&#x219B;&#x21A6;&#x21A8;&#x21AE;&#x21BC;-&#x21BD;&#x21C0;-&#x21C1;
      &#x21CB;-&#x21D9;&#x2200;-&#x220D;&#x220F;-&#x222E;&#x2236;&#x223C;&#x2241;&#x2245;&#x2247;-&#x2249;
      &#x2259;&#x2260;-&#x2262;&#x2264;-&#x2265;&#x226A;-&#x226B;&#x226E;-&#x2271;&#x2282;-&#x2285;&#x2295;-&#x2298;&#x22A2;-&#x22A6;
      &#x22AC;&#x22B6;-&#x22B7;&#x22C5;&#x22EE;-&#x22EF;
      ', ' ', '')"/>
  <xsl:variable name="pr:unprintable" static="yes" as="xs:string" select="'[^\s' || $pr:repertoire || ']'"/>

  <!-- The text with every character outside the repertoire as its code
       ("[U+1F600]"), or, for a space character, a space. The pattern is
       written into the expression as the stylesheet is compiled (a shadow
       attribute, _select, with the static variable between braces; the
       braces of \p{Z} doubled): Saxon compiles a regex held in a variable
       again at every call, which took half of print.xsl's run. -->
  <xsl:function name="pr:printable" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence _select="if (not(matches($text, '{$pr:unprintable}'))) then $text
      else string-join(analyze-string($text, '{$pr:unprintable}')/* ! (
        if (self::fn:non-match) then string(.)
        else if (matches(., '[\p{{Z}}&#x85;]')) then ' '
        else '[U+' || pr:hex(string-to-codepoints(.)) || ']'))"/>
  </xsl:function>

  <!-- A code point in hexadecimal, at least four digits: 1F600, 00AD. -->
  <xsl:function name="pr:hex" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:variable name="digits" select="string-join(reverse(
      for $i in 0 to 5 return substring('0123456789ABCDEF', ($n idiv xs:integer(math:pow(16, $i))) mod 16 + 1, 1)))"/>
    <xsl:sequence select="replace($digits, '^0{1,2}(.{4,})$', '$1')"/>
  </xsl:function>

  <!-- Text for Typst markup: every markup character escaped, white space one space. -->
  <xsl:function name="pr:markup" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(replace(pr:printable(string($text)), '[\s&#x85;&#x2028;&#x2029;]+', ' '),
                                  '([\\/#$*_`&lt;&gt;@\[\]{}()~=+\-.:;])', '\\$1')"/>
  </xsl:function>

  <!-- A Typst string literal: backslash and double quote escaped, white space one space. -->
  <xsl:function name="pr:string" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="'&quot;' || replace(replace(normalize-space(replace(pr:printable(string($text)), '[&#x85;&#x2028;&#x2029;]', ' ')),
                                                      '\\', '\\\\'), '&quot;', '\\&quot;') || '&quot;'"/>
  </xsl:function>

</xsl:stylesheet>
