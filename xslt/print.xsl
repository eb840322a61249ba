<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl: the TEI article as print-specific HTML for WeasyPrint (CSS Paged
  Media), from which the build makes output/pdf/article.pdf (PDF/A-3b).

  Parameters
    paper       'a4' (default) or 'letter': the page size (A4 210 x 297 mm,
                US Letter 8.5 x 11 in). The command line's paper option
                (edition build) puts it in the build parameters; the pdf step (steps_pdf.py) refuses
                any other value before it runs this stylesheet, and here an
                unknown value stops the transformation.
    edition-url (from common.xsl) the published URL of the HTML edition, used
                in the suggested citation; empty for the edition's URN.

  What the HTML holds
    - head: title, author, description (the abstract), keywords, language and
      dates (dcterms.created/modified = the edition's date, never the clock):
      WeasyPrint turns them into the PDF's document information and XMP.
    - the style: xslt/print.css, inlined, plus the rules that depend on
      the parameters and the header (page size, running heads), so the HTML
      needs no fetch.
    - title block, abstract, keywords, the four sections (paragraphs numbered
      in the margin with ed:unit-label, i.e. the same ¶ numbers as html.xsl),
      the two tables, editorial notes as footnotes, the original's page breaks
      as marginal marks, the printed reference list (citations link to it).
    - appendices: a chronology (events of the register and dated mentions, in
      date order, with their ¶ references) and an index of persons, places
      and organisations. Every mention carries its stable anchor
      (ed:mention-id); the index and the chronology link to the mentions,
      and pdf.py writes in the page numbers from the article's rendering,
      keeping in each list of page numbers one link per page.

  What pdf.py relies on: @data-part="back" on the back matter (the body's
  children rendered after the article, with the page numbers written in),
  span.locators > a.pg (the index's page links), a.unit-ref (the
  chronology's, whose page goes in @data-page), the meta dcterms.created
  (the dates of the PDF and of its attached source).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:ed="urn:x-anvar-posho-edition:functions"
  xmlns:pr="urn:x-anvar-posho-edition:print"
  xpath-default-namespace="http://www.tei-c.org/ns/1.0"
  exclude-result-prefixes="#all">

  <xsl:import href="common.xsl"/>
  <xsl:import href="print-index.xsl"/>

  <xsl:output method="xhtml" html-version="5" encoding="UTF-8" indent="no"
              omit-xml-declaration="yes" include-content-type="no"/>

  <xsl:param name="paper" as="xs:string" select="'a4'"/>

  <xsl:mode name="pr:text" use-accumulators="#all" on-no-match="shallow-skip"/>
  <xsl:mode name="pr:plain" use-accumulators="#all" on-no-match="text-only-copy"/>

  <!-- ===== Page geometry ===== -->

  <xsl:variable name="pr:page-size" as="xs:string">
    <xsl:choose>
      <xsl:when test="lower-case($paper) = ('a4', '')">A4</xsl:when>
      <xsl:when test="lower-case($paper) = ('letter', 'us-letter')">letter</xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="pr:paper">paper must be 'a4' or 'letter', not '<xsl:value-of select="$paper"/>'</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- A CSS string literal. -->
  <xsl:function name="pr:css-string" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="'&quot;' || replace(replace(normalize-space($text), '\\', '\\\\'), '&quot;', '\\&quot;') || '&quot;'"/>
  </xsl:function>

  <!-- An xsd:dateTime in UTC for the edition's date (a day), for PDF dates. -->
  <xsl:variable name="pr:edition-datetime" as="xs:string"
    select="if (matches($ed:edition-date, '^\d{4}-\d{2}-\d{2}$')) then $ed:edition-date || 'T00:00:00Z' else $ed:edition-date"/>

  <!-- ===== The document ===== -->

  <xsl:template match="/">
    <xsl:variable name="tei" select="TEI"/>
    <html lang="{$ed:language}" class="paper-{lower-case($pr:page-size)}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$ed:full-title"/></title>
        <meta name="author" content="{$ed:author-name}"/>
        <meta name="description" content="{$ed:abstract}"/>
        <meta name="keywords" content="{string-join($ed:keywords, ', ')}"/>
        <meta name="dcterms.created" content="{$pr:edition-datetime}"/>
        <meta name="dcterms.modified" content="{$pr:edition-datetime}"/>
        <meta name="generator" content="{$ed:publisher}, print edition {$ed:edition-version}"/>
        <style>
          <xsl:value-of select="unparsed-text(resolve-uri('print.css', static-base-uri()), 'UTF-8')"/>
          <xsl:text>&#10;/* From print.xsl: the paper and the running heads. */&#10;</xsl:text>
          <xsl:text>@page { size: </xsl:text><xsl:value-of select="$pr:page-size"/>
          <xsl:text>; @top-left { content: </xsl:text>
          <xsl:value-of select="pr:css-string($ed:author-name)"/>
          <xsl:text>; } @top-right { content: </xsl:text>
          <xsl:value-of select="pr:css-string($ed:short-title)"/>
          <xsl:text>; } }&#10;</xsl:text>
        </style>
      </head>
      <body>
        <xsl:apply-templates select="$tei/text/front" mode="pr:text"/>
        <main class="body">
          <xsl:apply-templates select="$tei/text/body" mode="pr:text"/>
        </main>
        <xsl:apply-templates select="$tei/text/back" mode="pr:text"/>
        <xsl:call-template name="pr:colophon"/>
        <xsl:call-template name="pr:chronology"/>
        <xsl:call-template name="pr:index"/>
      </body>
    </html>
  </xsl:template>

  <!-- ===== Front matter ===== -->

  <xsl:template match="front" mode="pr:text">
    <header class="front">
      <xsl:apply-templates select="titlePage" mode="pr:text"/>
      <xsl:call-template name="pr:edition-statement"/>
    </header>
    <xsl:apply-templates select="* except titlePage" mode="pr:text"/>
  </xsl:template>

  <xsl:template match="titlePage" mode="pr:text">
    <div class="title-page" id="{ed:unit-id(.)}">
      <p class="edition-label">The Anvar Posho Edition · print edition <xsl:value-of select="$ed:edition-version"/></p>
      <!-- The published title, in capitals as printed; its bookmark is the
           normalised title. -->
      <h1 class="published-title" data-bookmark="{$ed:full-title}">
        <xsl:apply-templates select="docTitle/titlePart" mode="pr:text"/>
      </h1>
      <p class="normalised-title">
        <span class="label">Normalised title: </span>
        <span class="main-title"><xsl:value-of select="$ed:title"/></span>
        <xsl:text>: </xsl:text>
        <span class="subtitle"><xsl:value-of select="$ed:subtitle"/></span>
      </p>
      <div class="bylines">
        <xsl:apply-templates select="byline | gap" mode="pr:text"/>
      </div>
    </div>
  </xsl:template>

  <xsl:template match="titlePart" mode="pr:text">
    <xsl:apply-templates mode="pr:text"/>
  </xsl:template>

  <xsl:template match="byline" mode="pr:text">
    <p class="byline{if (docAuthor) then ' author' else if (email) then ' email' else ''}">
      <xsl:apply-templates mode="pr:text"/>
    </p>
  </xsl:template>

  <xsl:template match="docAuthor | roleName | addName | forename | surname | term | num | biblScope | author | pubPlace | publisher" mode="pr:text">
    <xsl:apply-templates mode="pr:text"/>
  </xsl:template>

  <xsl:template match="email" mode="pr:text">
    <span class="email"><xsl:apply-templates mode="pr:text"/></span>
  </xsl:template>

  <xsl:template match="gap" mode="pr:text">
    <p class="gap" title="{normalize-space(desc)}">
      <xsl:text>[</xsl:text>
      <xsl:value-of select="if (@reason = 'personal-data') then 'telephone number omitted by the editors as personal data'
                            else 'omitted: ' || normalize-space(desc)"/>
      <xsl:text>]</xsl:text>
    </p>
  </xsl:template>

  <xsl:template name="pr:edition-statement">
    <div class="edition-statement">
      <p>
        <xsl:text>Digital edition </xsl:text>
        <xsl:value-of select="$ed:edition-version"/>
        <xsl:text>, </xsl:text>
        <xsl:value-of select="ed:format-iso($ed:edition-date)"/>
        <xsl:text>. </xsl:text>
        <xsl:value-of select="$ed:identifier"/>
        <xsl:text>. Encoding, registers and notes: </xsl:text>
        <a href="{ed:safe-url($ed:licence-url)}">CC BY 4.0</a>
        <xsl:text>. Paragraph numbers (¶) are the edition's citable units; page breaks of the original are marked </xsl:text>
        <span class="pb-sample">|</span>
        <xsl:text> in the text and “orig. p.” in the margin; lettered footnotes are the editors' notes.</xsl:text>
      </p>
      <p class="cite-as"><span class="label">Cite as: </span><xsl:value-of select="ed:cite-edition(())"/></p>
    </div>
  </xsl:template>

  <xsl:template match="div[@type = 'abstract']" mode="pr:text">
    <section class="abstract" id="{@xml:id}">
      <xsl:apply-templates mode="pr:text"/>
    </section>
  </xsl:template>

  <xsl:template match="div[@type = 'keywords']" mode="pr:text">
    <section class="keywords" id="{@xml:id}">
      <xsl:apply-templates mode="pr:text"/>
    </section>
  </xsl:template>

  <!-- ===== Body ===== -->

  <xsl:template match="body | back" mode="pr:text">
    <xsl:apply-templates mode="pr:text"/>
  </xsl:template>

  <xsl:template match="div" mode="pr:text">
    <section class="{(@type, 'div')[1]}" id="{(@xml:id, generate-id())[1]}">
      <xsl:apply-templates mode="pr:text"/>
    </section>
  </xsl:template>

  <xsl:template match="div/head" mode="pr:text">
    <h2><xsl:apply-templates mode="pr:text"/></h2>
  </xsl:template>

  <xsl:template match="p" mode="pr:text">
    <p><xsl:apply-templates mode="pr:text"/></p>
  </xsl:template>

  <!-- A numbered paragraph: the citable unit, its number in the margin. -->
  <xsl:template match="p[@n]" mode="pr:text">
    <p class="para" id="{ed:unit-id(.)}" data-n="{@n}">
      <span class="pnum" aria-hidden="true"><xsl:value-of select="ed:unit-label(.)"/></span>
      <xsl:apply-templates mode="pr:text"/>
    </p>
  </xsl:template>

  <!-- A page break of the original: a thin bar in the line, a mark in the
       margin. The original page numbers are not known. -->
  <xsl:template match="pb" mode="pr:text">
    <xsl:variable name="n" select="count(preceding::pb) + 2"/>
    <span class="pb" id="pb-{$n}" title="page break in the original"><span class="pb-bar">|</span><span class="pb-margin">orig. p.</span></span>
  </xsl:template>

  <xsl:template match="lb" mode="pr:text">
    <br/>
  </xsl:template>

  <!-- Mentions of register entries: anchored for the index. -->
  <xsl:template match="persName[@ref] | placeName[@ref] | orgName[@ref] | name[@ref]" mode="pr:text">
    <span class="name {ed:kind(.)}" id="{ed:mention-id(.)}">
      <xsl:call-template name="pr:lang"/>
      <xsl:apply-templates mode="pr:text"/>
    </span>
  </xsl:template>

  <xsl:template match="date" mode="pr:text">
    <span class="date" data-iso="{ed:iso-range(.)}">
      <xsl:if test="ancestor::text and not(ancestor::note)">
        <xsl:attribute name="id" select="ed:date-id(.)"/>
      </xsl:if>
      <xsl:call-template name="pr:lang"/>
      <xsl:apply-templates mode="pr:text"/>
    </span>
  </xsl:template>

  <xsl:template match="ref[@type = 'citation']" mode="pr:text">
    <xsl:variable name="record" select="ed:target(@target)"/>
    <xsl:variable name="printed" select="$record/self::biblStruct ! ed:printed-reference(.)"/>
    <a class="cite" id="{ed:citation-id(.)}" href="#{($printed/@xml:id, $record/@xml:id)[1]}">
      <xsl:apply-templates mode="pr:text"/>
    </a>
  </xsl:template>

  <xsl:template match="ref" mode="pr:text">
    <xsl:variable name="url" select="ed:safe-url(@target)"/>
    <xsl:choose>
      <xsl:when test="exists($url)">
        <a class="url" href="{$url}"><xsl:apply-templates mode="pr:text"/></a>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="pr:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="quote" mode="pr:text">
    <span class="quote"><xsl:apply-templates mode="pr:text"/></span>
  </xsl:template>

  <!-- TEI q carries no marks in the source: print them. -->
  <xsl:template match="q" mode="pr:text">
    <q><xsl:apply-templates mode="pr:text"/></q>
  </xsl:template>

  <xsl:template match="mentioned | title[@level = ('j', 'm')] | *[@rend = 'italic']" mode="pr:text" priority="2">
    <i>
      <xsl:call-template name="pr:lang"/>
      <xsl:apply-templates mode="pr:text"/>
    </i>
  </xsl:template>

  <xsl:template match="title | bibl | hi" mode="pr:text">
    <span>
      <xsl:call-template name="pr:lang"/>
      <xsl:apply-templates mode="pr:text"/>
    </span>
  </xsl:template>

  <!-- Editorial notes as footnotes, lettered (citations are numbered). -->
  <xsl:template match="note[@type = 'editorial']" mode="pr:text">
    <span class="footnote" id="{(@xml:id, generate-id())[1]}"><span class="fn-label">Editorial note. </span><xsl:apply-templates mode="pr:text"/></span>
  </xsl:template>

  <xsl:template match="note" mode="pr:text"/>

  <xsl:template match="text()" mode="pr:text">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template name="pr:lang">
    <xsl:if test="@xml:lang">
      <xsl:attribute name="lang" select="@xml:lang"/>
    </xsl:if>
  </xsl:template>

  <!-- ===== Tables ===== -->

  <xsl:template match="table" mode="pr:text">
    <figure class="table" id="{ed:unit-id(.)}">
      <table class="cols-{(@cols, max(row/count(cell)))[1]}">
        <xsl:apply-templates select="head" mode="pr:table"/>
        <xsl:if test="row[@role = 'label']">
          <thead>
            <xsl:apply-templates select="row[@role = 'label']" mode="pr:text"/>
          </thead>
        </xsl:if>
        <tbody>
          <xsl:apply-templates select="row[not(@role = 'label')]" mode="pr:text"/>
        </tbody>
      </table>
    </figure>
  </xsl:template>

  <xsl:template match="table/head" mode="pr:table">
    <caption><xsl:apply-templates mode="pr:text"/></caption>
  </xsl:template>

  <xsl:template match="row" mode="pr:text">
    <tr>
      <xsl:apply-templates select="cell" mode="pr:text"/>
    </tr>
  </xsl:template>

  <xsl:template match="cell" mode="pr:text">
    <xsl:choose>
      <xsl:when test="../@role = 'label'">
        <th scope="col"><xsl:apply-templates mode="pr:text"/></th>
      </xsl:when>
      <xsl:when test="@role = 'label'">
        <th scope="row"><xsl:apply-templates mode="pr:text"/></th>
      </xsl:when>
      <xsl:otherwise>
        <td><xsl:apply-templates mode="pr:text"/></td>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Back: the reference list as printed ===== -->

  <xsl:template match="listBibl" mode="pr:text">
    <ol class="references">
      <xsl:apply-templates select="bibl" mode="pr:text"/>
    </ol>
  </xsl:template>

  <xsl:template match="listBibl/bibl" mode="pr:text" priority="3">
    <li id="{@xml:id}" value="{@n}">
      <span class="ref-n"><xsl:value-of select="@n"/>. </span>
      <xsl:apply-templates mode="pr:text"/>
    </li>
  </xsl:template>

  <!-- ===== Chronology ===== -->

  <!-- Dated mentions that point to no event, grouped by their ISO range. -->
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
    <section class="appendix chronology" id="chronology" data-part="back">
      <h2>Chronology</h2>
      <p class="intro">The events of the edition's register and the dates mentioned in the article, in the order of time.
        References are to paragraphs (¶), tables and front matter, with the page of this print.</p>
      <table class="chronology-table">
        <thead>
          <tr><th scope="col" class="c-date">Date</th><th scope="col" class="c-what">Event or date as printed</th><th scope="col" class="c-refs">In the text</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$rows">
            <xsl:sort select="@key"/>
            <xsl:sort select="@kind"/>
            <xsl:variable name="row" select="."/>
            <tr class="{@kind}">
              <td class="c-date"><xsl:value-of select="@date"/></td>
              <xsl:choose>
                <xsl:when test="@kind = 'event'">
                  <xsl:variable name="event" select="ed:target(@id)"/>
                  <xsl:variable name="places" select="tokenize($event/@where) ! ed:target(.)"/>
                  <td class="c-what">
                    <span class="event-name"><xsl:value-of select="ed:label($event)"/></span>
                    <xsl:if test="exists($places)">
                      <xsl:value-of select="' (' || string-join($places ! ed:label(.), ', ') || ')'"/>
                    </xsl:if>
                    <xsl:for-each select="$event/note[@type = 'summary']">
                      <span class="summary"><xsl:text>. </xsl:text><xsl:apply-templates mode="pr:plain"/></span>
                    </xsl:for-each>
                  </td>
                  <td class="c-refs">
                    <xsl:call-template name="pr:unit-refs">
                      <xsl:with-param name="anchors" select="(ed:dates-of-event($event) | ed:mentions($event))[not(ancestor::note)]"/>
                    </xsl:call-template>
                  </td>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:variable name="dates" select="$free-dates[ed:iso-range(.) || '|' || @cert = $row/@group]"/>
                  <td class="c-what">
                    <xsl:choose>
                      <xsl:when test="count($dates) eq 1">
                        <!-- One mention: the words that lead up to it. -->
                        <xsl:value-of select="pr:lead-in($dates)"/>
                        <xsl:text> </xsl:text>
                        <b class="as-printed"><xsl:value-of select="normalize-space($dates)"/></b>
                      </xsl:when>
                      <xsl:otherwise>
                        <xsl:for-each select="distinct-values($dates ! normalize-space(.))">
                          <xsl:if test="position() gt 1">, </xsl:if>
                          <q class="as-printed"><xsl:value-of select="."/></q>
                        </xsl:for-each>
                      </xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td class="c-refs">
                    <xsl:call-template name="pr:unit-refs">
                      <xsl:with-param name="anchors" select="$dates"/>
                    </xsl:call-template>
                  </td>
                </xsl:otherwise>
              </xsl:choose>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <!-- The words before a dated mention in its unit, from the start of its
       sentence or the last few words: "… Born in Istanbul in". -->
  <xsl:function name="pr:lead-in" as="xs:string">
    <xsl:param name="date" as="element(date)"/>
    <xsl:variable name="before" select="normalize-space(string-join(ed:unit($date)//text()[. &lt;&lt; $date][not(ancestor::note)], ''))"/>
    <xsl:variable name="window" select="if (string-length($before) le 60) then $before else substring($before, string-length($before) - 59)"/>
    <xsl:sequence select="
      if (matches($window, '[.!?]\s+\S')) then replace($window, '^.*[.!?]\s+', '')
      else if (string-length($before) le 60) then $before
      else '… ' || replace($window, '^\S*\s+', '')"/>
  </xsl:function>

  <!-- Links to the first anchor (date or mention) in each unit: ¶3 (p. 2). -->
  <xsl:template name="pr:unit-refs">
    <xsl:param name="anchors" as="element()*"/>
    <xsl:choose>
      <xsl:when test="empty($anchors)"><span class="none">register only</span></xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="$anchors" group-adjacent="ed:unit-id(ed:unit(.))">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:variable name="first" select="current-group()[1]"/>
          <a class="unit-ref" href="#{if ($first/self::date) then ed:date-id($first) else ed:mention-id($first)}">
            <xsl:value-of select="ed:unit-label(ed:unit($first))"/>
          </a>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Colophon ===== -->

  <xsl:template name="pr:colophon">
    <section class="colophon" id="colophon">
      <p>
        <xsl:value-of select="$ed:publisher"/>
        <xsl:text>, digital edition </xsl:text>
        <xsl:value-of select="$ed:edition-version"/>
        <xsl:text> of </xsl:text>
        <xsl:value-of select="ed:format-iso($ed:edition-date)"/>
        <xsl:text>. This PDF (PDF/A-3b) contains its TEI source as an attached file.
          The text of the article is reproduced as published, without silent correction. </xsl:text>
        <xsl:value-of select="normalize-space($ed:licence)"/>
      </p>
    </section>
  </xsl:template>

</xsl:stylesheet>
