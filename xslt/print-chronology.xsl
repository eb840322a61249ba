<?xml version="1.0" encoding="UTF-8"?>
<!--
  print-chronology.xsl: the chronology appendix of the print edition, in
  Typst (imported by print.xsl, which imports common.xsl and
  print-escape.xsl before it).

  One table of the shared model's chronology (ed:chronology(): the events of
  the register and the dated mentions of the article, in the order of
  time), dates written by ed:format-date (ranges shortened as a copy editor
  would). An event gives its name, places and summary; a dated mention the
  words that lead up to it (ed:kwic) and the date as printed. Each row names
  the units it is in (ed:by-unit: ¶3, Table 2, Abstract), each linked to its
  first anchor there, with that anchor's page, which Typst finds
  (print.typ's unit-ref).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:pr="urn:x-anvar-posho-edition:print"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:template name="pr:chronology">
    <xsl:text>#pagebreak(weak: true)&#10;#heading(level: 1)[Chronology]&#10;&#10;</xsl:text>
    <xsl:text>#par(first-line-indent: 0em, text(size: 9.5pt)[</xsl:text>
    <xsl:value-of select="pr:markup('The events of the edition''s register and the dates mentioned in the article, in the order of time. '
      || 'References are to paragraphs (¶), tables and front matter, with the page of this print.')"/>
    <xsl:text>])&#10;&#10;</xsl:text>
    <xsl:text>#table(columns: (27mm, 1fr, 29mm), align: left, inset: (x: 4pt, y: 3.5pt),&#10;</xsl:text>
    <xsl:text>  table.hline(stroke: 0.8pt),&#10;</xsl:text>
    <xsl:text>  table.header([#strong[Date]], [#strong[Event, or the date as printed]], [#strong[In the text]]),&#10;</xsl:text>
    <xsl:text>  table.hline(stroke: 0.5pt),&#10;</xsl:text>
    <xsl:for-each select="ed:chronology()">
      <xsl:value-of select="'  [' || pr:markup(ed:format-date(.)) || '], ['"/>
      <xsl:choose>
        <xsl:when test="self::event">
          <xsl:variable name="places" select="tokenize(@where) ! ed:target(.)"/>
          <xsl:value-of select="'#strong[' || pr:markup(ed:label(.)) || ']'"/>
          <xsl:if test="exists($places)">
            <xsl:value-of select="pr:markup(' (' || string-join($places ! ed:label(.), ', ') || ')')"/>
          </xsl:if>
          <xsl:for-each select="note[@type = 'summary']">
            <xsl:value-of select="pr:markup('. ' || string-join(.//text()))"/>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <!-- The words before the date, the ellipsis of a cut bound to them. -->
          <xsl:variable name="kwic" select="ed:kwic(.)"/>
          <xsl:value-of select="pr:markup(replace($kwic[1], '^… ', '…&#xA0;')) || '#strong[' || pr:markup($kwic[2]) || ']'"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>], [</xsl:text>
      <xsl:variable name="units" select="ed:by-unit(ed:chronology-anchors(.))"/>
      <xsl:choose>
        <xsl:when test="empty($units)"><xsl:text>#emph[register only]</xsl:text></xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="string-join($units ! ('#unit-ref(' || pr:string(ed:unit-label(ed:unit(?1))) || ', '
                                                     || pr:string(ed:anchor(?1)) || ')'), ', ')"/>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>],&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>  table.hline(stroke: 0.8pt),&#10;)&#10;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
