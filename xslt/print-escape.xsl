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
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pr="urn:x-anvar-posho-edition:print"
  exclude-result-prefixes="#all">

  <!-- Text for Typst markup: every markup character escaped, white space one space. -->
  <xsl:function name="pr:markup" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(replace(string($text), '[\s&#x85;&#x2028;&#x2029;]+', ' '),
                                  '([\\/#$*_`&lt;&gt;@\[\]{}()~=+\-.:;])', '\\$1')"/>
  </xsl:function>

  <!-- A Typst string literal: backslash and double quote escaped, white space one space. -->
  <xsl:function name="pr:string" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="'&quot;' || replace(replace(normalize-space(replace(string($text), '[&#x85;&#x2028;&#x2029;]', ' ')),
                                                      '\\', '\\\\'), '&quot;', '\\&quot;') || '&quot;'"/>
  </xsl:function>

</xsl:stylesheet>
