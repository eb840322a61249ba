<?xml version="1.0" encoding="UTF-8"?>
<!--
  html-cite.xsl: how to cite the edition, or one paragraph of it, in the
  forms a reader needs: Chicago (bibliography), APA 7, MLA 9, BibTeX and RIS.
  A citation can be followed only when the edition has a public address
  (the edition-url parameter); without one the panel says so plainly rather
  than offering the edition's URN as if it could be opened.

  BibTeX text goes through ed:bibtex-escape (data-formats.xsl), the one
  BibTeX escaping function of the project; RIS through ed:ris-value.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:h="urn:x-anvar-posho-edition:html"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <!-- The citation panel of the edition ($paragraph empty) or of a paragraph. -->
  <xsl:template name="h:cite-panel">
    <xsl:param name="paragraph" as="element(p)?" select="()"/>
    <xsl:variable name="what" select="if ($paragraph) then ed:unit-label($paragraph) else 'the edition'"/>
    <div class="cite-panel">
      <p class="cite-address">
        <xsl:choose>
          <xsl:when test="$ed:edition-url ne ''">
            <xsl:text>Address: </xsl:text>
            <a href="{ed:cite-url($paragraph)}"><xsl:value-of select="ed:cite-url($paragraph)"/></a>
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
          <xsl:variable name="text" select="ed:cite-text(., $paragraph)"/>
          <dt><xsl:value-of select="$label"/></dt>
          <dd>
            <p class="citation-text" data-style="{.}"><xsl:value-of select="$text"/></p>
            <button type="button" class="copy-cite" data-copy="{$text}" data-js-only="" hidden="">Copy<span class="vh"> the <xsl:value-of select="$label"/> citation of <xsl:value-of select="$what"/></span></button>
          </dd>
        </xsl:for-each>
        <xsl:for-each select="('BibTeX', 'RIS')">
          <xsl:variable name="text" select="if (. = 'BibTeX') then ed:cite-bibtex($paragraph) else ed:cite-ris($paragraph)"/>
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
