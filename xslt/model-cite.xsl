<?xml version="1.0" encoding="UTF-8"?>
<!--
  model-cite.xsl: how to cite the edition, or one paragraph of it, and the
  one BibTeX escaping function; included by common.xsl. The HTML (the Cite
  panels, about.html), the print edition's title page and the data's
  bibliography.bib all read these, so every citation agrees.

  Functions and variables:
    ed:cite-url($paragraph as element(p)?) as xs:string?
        the address to follow (the published page, with the paragraph's
        anchor), or () while the edition has no public address
    $ed:cite-year, $ed:cite-author ("Artikov, Zafar Zaripovich"),
    $ed:cite-author-initials ("Artikov, Z. Z.")
    ed:cite-text($style as xs:string, $paragraph as element(p)?) as xs:string
        one citation as plain text; $style is 'chicago', 'apa' or 'mla'
    ed:cite-bibtex($paragraph as element(p)?), ed:cite-ris($paragraph as element(p)?)
        the same as a BibTeX (@misc) or RIS (ELEC) record
    ed:bibtex-escape($text as xs:string) as xs:string
        text as a BibTeX field value that prints as itself (TeX's special
        characters written as commands, braces balanced)
    ed:bibtex-url($url as xs:string) as xs:string
        a URL for a url field (read verbatim by biblatex)
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- Characters that mean something to BibTeX or TeX, written so that they
       print as themselves and every brace in a field stays balanced. -->
  <xsl:variable name="ed:bibtex-escapes" as="map(xs:string, xs:string)" select="map{
    '\': '\textbackslash{}', '{': '\textbraceleft{}', '}': '\textbraceright{}',
    '&amp;': '\&amp;', '%': '\%', '$': '\$', '#': '\#', '_': '\_',
    '~': '\textasciitilde{}', '^': '\textasciicircum{}'}"/>

  <xsl:function name="ed:bibtex-escape" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:analyze-string select="normalize-space($text)" regex="[\\{{}}&amp;%$#_~^]">
        <xsl:matching-substring><xsl:sequence select="$ed:bibtex-escapes(.)"/></xsl:matching-substring>
        <xsl:non-matching-substring><xsl:sequence select="."/></xsl:non-matching-substring>
      </xsl:analyze-string>
    </xsl:variable>
    <xsl:sequence select="string-join($parts)"/>
  </xsl:function>

  <!-- A URL field is read verbatim by biblatex: only braces (which would
       unbalance the entry) and spaces are percent-encoded. -->
  <xsl:function name="ed:bibtex-url" as="xs:string">
    <xsl:param name="url" as="xs:string"/>
    <xsl:sequence select="replace(replace(replace(normalize-space($url), '\{', '%7B'), '\}', '%7D'), ' ', '%20')"/>
  </xsl:function>

  <!-- The address to follow: the published page (with the paragraph's
       anchor), or () when the edition has no public address yet. -->
  <xsl:function name="ed:cite-url" as="xs:string?">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:if test="$ed:edition-url ne ''">
      <xsl:sequence select="ed:published-url(ed:output('html/index.html')) || ($paragraph/@xml:id ! ('#' || .))"/>
    </xsl:if>
  </xsl:function>

  <xsl:variable name="ed:cite-year" as="xs:string" select="substring($ed:edition-date, 1, 4)"/>
  <!-- "Artikov, Zafar Zaripovich" and "Artikov, Z. Z." -->
  <xsl:variable name="ed:cite-author" as="xs:string" select="$ed:author-surname || ', ' || $ed:author-forenames"/>
  <xsl:variable name="ed:cite-author-initials" as="xs:string"
    select="$ed:author-surname || ', ' || string-join(tokenize($ed:author-forenames, '\s+')[. ne ''] ! (substring(., 1, 1) || '.'), ' ')"/>

  <!-- One citation as plain text; $style is chicago, apa or mla. -->
  <xsl:function name="ed:cite-text" as="xs:string">
    <xsl:param name="style" as="xs:string"/>
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:variable name="url" select="ed:cite-url($paragraph)"/>
    <xsl:variable name="n" select="$paragraph/@n"/>
    <xsl:sequence select="
      if ($style = 'apa') then
        $ed:cite-author-initials || ' (' || $ed:cite-year || '). ' || $ed:full-title
        || ' (Digital ed. ' || $ed:edition-version || ($n ! (', para. ' || .)) || '). ' || $ed:publisher || '.'
        || ($url ! (' ' || .))
      else if ($style = 'mla') then
        $ed:cite-author || '. “' || $ed:full-title || '.” Digital edition ' || $ed:edition-version || ', '
        || $ed:publisher || ', ' || $ed:cite-year || ($n ! (', par. ' || .)) || ($url ! (', ' || .)) || '.'
      else
        $ed:cite-author || '. “' || $ed:full-title || '.” ' || ($n ! ('Par. ' || . || '. ')) || 'Digital edition '
        || $ed:edition-version || '. ' || $ed:publisher || ', ' || $ed:cite-year || '.' || ($url ! (' ' || . || '.'))"/>
  </xsl:function>

  <xsl:function name="ed:cite-key" as="xs:string">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:sequence select="lower-case(replace($ed:author-surname, '[^A-Za-z]', '')) || $ed:cite-year || 'edition' || ($paragraph/@n ! ('-p' || .))"/>
  </xsl:function>

  <xsl:function name="ed:cite-bibtex" as="xs:string">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:variable name="url" select="ed:cite-url($paragraph)"/>
    <xsl:variable name="fields" as="array(xs:string)*" select="
      ['author', '{' || ed:bibtex-escape($ed:cite-author) || '}'],
      ['title', '{{' || ed:bibtex-escape($ed:full-title) || '}}'],
      ['edition', '{' || ed:bibtex-escape($ed:edition-version) || '}'],
      ['publisher', '{' || ed:bibtex-escape($ed:publisher) || '}'],
      ['year', '{' || $ed:cite-year || '}'],
      ['date', '{' || $ed:edition-date || '}'],
      $url ! ['url', '{' || ed:bibtex-url(.) || '}'],
      $paragraph ! ['note', '{' || ed:bibtex-escape('Paragraph ' || @n) || '}'],
      ['howpublished', '{Digital edition}']"/>
    <xsl:sequence select="'@misc{' || ed:cite-key($paragraph) || ',&#10;'
      || string-join($fields ! ('  ' || ?1 || ' = ' || ?2), ',&#10;') || '&#10;}'"/>
  </xsl:function>

  <!-- RIS: one tag per line, so a value is one line. -->
  <xsl:function name="ed:ris-value" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="normalize-space($text)"/>
  </xsl:function>

  <xsl:function name="ed:cite-ris" as="xs:string">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:variable name="lines" as="xs:string*" select="
      'TY  - ELEC',
      'AU  - ' || ed:ris-value($ed:cite-author),
      'TI  - ' || ed:ris-value($ed:full-title),
      'ET  - ' || ed:ris-value('Digital edition ' || $ed:edition-version),
      'PB  - ' || ed:ris-value($ed:publisher),
      'PY  - ' || $ed:cite-year,
      'DA  - ' || translate($ed:edition-date, '-', '/'),
      ed:cite-url($paragraph) ! ('UR  - ' || ed:ris-value(.)),
      $paragraph ! ('N1  - ' || ed:ris-value('Paragraph ' || @n)),
      'ER  - '"/>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:function>

</xsl:stylesheet>
