<?xml version="1.0" encoding="UTF-8"?>
<!--
  print-chronology.xsl: the chronology appendix of the print edition, in
  Typst (imported by print.xsl, which imports common.xsl and
  print-escape.xsl before it).

  One table in the order of time: the events of the register, and the dated
  mentions of the article that point to no event, grouped by their date.
  Each row names the units that mention it (¶3, Table 2, Abstract), each
  linked to its first anchor in that unit, with that anchor's page, which
  Typst finds (print.typ's unit-ref).
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
    <xsl:variable name="free-dates" select="$ed:dated-mentions[not(@corresp) or empty(ed:target(@corresp)/self::event)]"/>
    <xsl:variable name="rows" as="element(pr:row)*">
      <xsl:for-each select="$ed:events">
        <pr:row key="{ed:date-sort-key(.)}" date="{ed:format-date(.)}" kind="event" id="{@xml:id}"/>
      </xsl:for-each>
      <xsl:for-each-group select="$free-dates" group-by="ed:iso-range(.) || '|' || @cert">
        <pr:row key="{ed:date-sort-key(.)}" date="{ed:format-date(.)}" kind="date" group="{current-grouping-key()}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:text>#pagebreak(weak: true)&#10;#heading(level: 1)[Chronology]&#10;&#10;</xsl:text>
    <xsl:text>#par(first-line-indent: 0em, text(size: 9.5pt)[</xsl:text>
    <xsl:value-of select="pr:markup('The events of the edition''s register and the dates mentioned in the article, in the order of time. '
      || 'References are to paragraphs (¶), tables and front matter, with the page of this print.')"/>
    <xsl:text>])&#10;&#10;</xsl:text>
    <xsl:text>#table(columns: (25mm, 1fr, 27mm), align: left, inset: (x: 4pt, y: 3.5pt),&#10;</xsl:text>
    <xsl:text>  table.hline(stroke: 0.8pt),&#10;</xsl:text>
    <xsl:text>  table.header([#strong[Date]], [#strong[Event or date as printed]], [#strong[In the text]]),&#10;</xsl:text>
    <xsl:text>  table.hline(stroke: 0.5pt),&#10;</xsl:text>
    <xsl:for-each select="$rows">
      <xsl:sort select="@key"/>
      <xsl:sort select="@kind"/>
      <xsl:variable name="row" select="."/>
      <xsl:value-of select="'  [' || pr:markup(@date) || '], ['"/>
      <xsl:choose>
        <xsl:when test="@kind = 'event'">
          <xsl:variable name="event" select="ed:target(@id)"/>
          <xsl:variable name="places" select="tokenize($event/@where) ! ed:target(.)"/>
          <xsl:value-of select="'#strong[' || pr:markup(ed:label($event)) || ']'"/>
          <xsl:if test="exists($places)">
            <xsl:value-of select="pr:markup(' (' || string-join($places ! ed:label(.), ', ') || ')')"/>
          </xsl:if>
          <xsl:for-each select="$event/note[@type = 'summary']">
            <xsl:value-of select="pr:markup('. ' || string-join(.//text()))"/>
          </xsl:for-each>
          <xsl:text>], [</xsl:text>
          <xsl:call-template name="pr:unit-refs">
            <xsl:with-param name="anchors" select="(ed:dates-of-event($event) | ed:mentions($event))[not(ancestor::note)]"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="dates" select="$free-dates[ed:iso-range(.) || '|' || @cert = $row/@group]"/>
          <xsl:choose>
            <xsl:when test="count($dates) eq 1">
              <!-- One mention: the words that lead up to it. -->
              <xsl:value-of select="pr:markup(pr:lead-in($dates) || ' ') || '#strong[' || pr:markup(normalize-space($dates)) || ']'"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="pr:markup(string-join(distinct-values($dates ! normalize-space(.)) ! ('“' || . || '”'), ', '))"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:text>], [</xsl:text>
          <xsl:call-template name="pr:unit-refs">
            <xsl:with-param name="anchors" select="$dates"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>],&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>  table.hline(stroke: 0.8pt),&#10;)&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- The words before a dated mention in its unit, from the start of its
       sentence or the last few words: "… Born in Istanbul in". The ellipsis
       is bound to the next word by a no-break space. -->
  <xsl:function name="pr:lead-in" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="before" select="normalize-space(string-join(ed:unit($date)//text()[. &lt;&lt; $date][not(ancestor::note)], ''))"/>
    <xsl:variable name="window" select="if (string-length($before) le 60) then $before else substring($before, string-length($before) - 59)"/>
    <xsl:sequence select="
      if (matches($window, '[.!?]\s+\S')) then replace($window, '^.*[.!?]\s+', '')
      else if (string-length($before) le 60) then $before
      else '…&#xA0;' || replace($window, '^\S*\s+', '')"/>
  </xsl:function>

  <!-- The units in which the anchors are, each linked to its first anchor
       there, with that anchor's page: ¶3 (p. 2), Table 2 (p. 4). -->
  <xsl:template name="pr:unit-refs">
    <xsl:param name="anchors" as="element()*"/>
    <xsl:choose>
      <xsl:when test="empty($anchors)"><xsl:text>#emph[register only]</xsl:text></xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="$anchors" group-adjacent="ed:unit-id(ed:unit(.))">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:variable name="first" select="current-group()[1]"/>
          <xsl:value-of select="'#unit-ref(' || pr:string(ed:unit-label(ed:unit($first))) || ', '
            || pr:string(if ($first/self::date) then ed:date-id($first) else ed:mention-id($first)) || ')'"/>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
