<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-cite.xsl: how to cite the edition, or one paragraph of it, in the
  forms a reader needs: Chicago (bibliography), APA 7, MLA 9, BibTeX and RIS.
  A citation can be followed only when the edition has a public address
  (the edition-url parameter); without one the panel says so plainly rather
  than offering the edition's URN as if it could be opened.

  BibTeX text goes through dx:bibtex-escape (data-formats.xsl), the one
  BibTeX escaping function of the project; RIS through h:ris-value.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:dx="urn:x-anvar-posho-edition:data"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:include href="data-serialize.xsl"/>
  <xsl:include href="data-registers.xsl"/>
  <xsl:include href="data-formats.xsl"/>

  <!-- The address to follow: the published page (with the paragraph's
       anchor), or () when the edition has no public address yet. -->
  <xsl:function name="h:cite-url" as="xs:string?">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:if test="$ed:edition-url ne ''">
      <xsl:sequence select="ed:published-url(ed:output('html/index.html')) || ($paragraph/@xml:id ! ('#' || .))"/>
    </xsl:if>
  </xsl:function>

  <xsl:variable name="h:cite-year" as="xs:string" select="substring($ed:edition-date, 1, 4)"/>
  <!-- "Artikov, Zafar Zaripovich" and "Artikov, Z. Z." -->
  <xsl:variable name="h:cite-author" as="xs:string" select="$ed:author-surname || ', ' || $ed:author-forenames"/>
  <xsl:variable name="h:cite-author-initials" as="xs:string"
    select="$ed:author-surname || ', ' || string-join(tokenize($ed:author-forenames, '\s+')[. ne ''] ! (substring(., 1, 1) || '.'), ' ')"/>

  <!-- One citation as plain text; $style is chicago, apa or mla. -->
  <xsl:function name="h:cite-text" as="xs:string">
    <xsl:param name="style" as="xs:string"/>
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:variable name="url" select="h:cite-url($paragraph)"/>
    <xsl:variable name="n" select="$paragraph/@n"/>
    <xsl:sequence select="
      if ($style = 'apa') then
        $h:cite-author-initials || ' (' || $h:cite-year || '). ' || $ed:full-title
        || ' (Digital ed. ' || $ed:edition-version || ($n ! (', para. ' || .)) || '). ' || $ed:publisher || '.'
        || ($url ! (' ' || .))
      else if ($style = 'mla') then
        $h:cite-author || '. “' || $ed:full-title || '.” Digital edition ' || $ed:edition-version || ', '
        || $ed:publisher || ', ' || $h:cite-year || ($n ! (', par. ' || .)) || ($url ! (', ' || .)) || '.'
      else
        $h:cite-author || '. “' || $ed:full-title || '.” ' || ($n ! ('Par. ' || . || '. ')) || 'Digital edition '
        || $ed:edition-version || '. ' || $ed:publisher || ', ' || $h:cite-year || '.' || ($url ! (' ' || . || '.'))"/>
  </xsl:function>

  <xsl:function name="h:cite-key" as="xs:string">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:sequence select="lower-case(replace($ed:author-surname, '[^A-Za-z]', '')) || $h:cite-year || 'edition' || ($paragraph/@n ! ('-p' || .))"/>
  </xsl:function>

  <xsl:function name="h:cite-bibtex" as="xs:string">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:variable name="url" select="h:cite-url($paragraph)"/>
    <xsl:variable name="fields" as="array(xs:string)*" select="
      ['author', '{' || dx:bibtex-escape($h:cite-author) || '}'],
      ['title', '{{' || dx:bibtex-escape($ed:full-title) || '}}'],
      ['edition', '{' || dx:bibtex-escape($ed:edition-version) || '}'],
      ['publisher', '{' || dx:bibtex-escape($ed:publisher) || '}'],
      ['year', '{' || $h:cite-year || '}'],
      ['date', '{' || $ed:edition-date || '}'],
      $url ! ['url', '{' || dx:bibtex-url(.) || '}'],
      $paragraph ! ['note', '{' || dx:bibtex-escape('Paragraph ' || @n) || '}'],
      ['howpublished', '{Digital edition}']"/>
    <xsl:sequence select="'@misc{' || h:cite-key($paragraph) || ',&#10;'
      || string-join($fields ! ('  ' || ?1 || ' = ' || ?2), ',&#10;') || '&#10;}'"/>
  </xsl:function>

  <!-- RIS: one tag per line, so a value is one line. -->
  <xsl:function name="h:ris-value" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="normalize-space($text)"/>
  </xsl:function>

  <xsl:function name="h:cite-ris" as="xs:string">
    <xsl:param name="paragraph" as="element(p)?"/>
    <xsl:variable name="lines" as="xs:string*" select="
      'TY  - ELEC',
      'AU  - ' || h:ris-value($h:cite-author),
      'TI  - ' || h:ris-value($ed:full-title),
      'ET  - ' || h:ris-value('Digital edition ' || $ed:edition-version),
      'PB  - ' || h:ris-value($ed:publisher),
      'PY  - ' || $h:cite-year,
      'DA  - ' || translate($ed:edition-date, '-', '/'),
      h:cite-url($paragraph) ! ('UR  - ' || h:ris-value(.)),
      $paragraph ! ('N1  - ' || h:ris-value('Paragraph ' || @n)),
      'ER  - '"/>
    <xsl:sequence select="string-join($lines, '&#10;')"/>
  </xsl:function>

  <!-- The citation panel of the edition ($paragraph empty) or of a paragraph. -->
  <xsl:template name="h:cite-panel">
    <xsl:param name="paragraph" as="element(p)?" select="()"/>
    <xsl:variable name="what" select="if ($paragraph) then ed:unit-label($paragraph) else 'the edition'"/>
    <div class="cite-panel">
      <p class="cite-address">
        <xsl:choose>
          <xsl:when test="$ed:edition-url ne ''">
            <xsl:text>Address: </xsl:text>
            <a href="{h:cite-url($paragraph)}"><xsl:value-of select="h:cite-url($paragraph)"/></a>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>This edition has no public address yet, so these citations give none: add the address where you read it. (Its identifier, </xsl:text>
            <span class="identifier"><xsl:value-of select="$ed:identifier"/></span>
            <xsl:text>, names it but cannot be opened.)</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <dl class="cite-forms">
        <xsl:for-each select="('chicago', 'apa', 'mla')">
          <xsl:variable name="label" select="map{'chicago': 'Chicago', 'apa': 'APA', 'mla': 'MLA'}(.)"/>
          <xsl:variable name="text" select="h:cite-text(., $paragraph)"/>
          <dt><xsl:value-of select="$label"/></dt>
          <dd>
            <p class="citation-text" data-style="{.}"><xsl:value-of select="$text"/></p>
            <button type="button" class="copy-cite" data-copy="{$text}" data-js-only="" hidden="">Copy<span class="vh"> the <xsl:value-of select="$label"/> citation of <xsl:value-of select="$what"/></span></button>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="('BibTeX', 'RIS')">
          <xsl:variable name="text" select="if (. = 'BibTeX') then h:cite-bibtex($paragraph) else h:cite-ris($paragraph)"/>
          <dt><xsl:value-of select="."/></dt>
          <dd>
            <pre class="cite-record" data-format="{lower-case(.)}"><xsl:value-of select="$text"/></pre>
            <button type="button" class="copy-cite" data-copy="{$text}" data-js-only="" hidden="">Copy<span class="vh"> the <xsl:value-of select="."/> record of <xsl:value-of select="$what"/></span></button>
          </dd>
        </xsl:for-each>
      </dl>
    </div>
  </xsl:template>

  <!-- The paragraphs' panels, as templates the script shows under a
       paragraph when its Cite button is pressed. -->
  <xsl:template name="h:cite-templates">
    <xsl:for-each select="$ed:paragraphs">
      <template id="cite-{@xml:id}">
        <xsl:call-template name="h:cite-panel"><xsl:with-param name="paragraph" select="."/></xsl:call-template>
      </template>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
