<?xml version="1.0" encoding="UTF-8"?>
<!--
  print.xsl: the TEI article as a Typst document, from which the build's pdf
  step (scripts/tei_edition/steps_pdf.py) typesets output/pdf/article.pdf
  (PDF/A-3b and PDF/UA-1) with the Typst compiler.

  Parameters
    paper       'a4' (default) or 'letter': the page size (A4 210 x 297 mm,
                US Letter 8.5 x 11 in). The pdf step refuses any other value
                before it runs this stylesheet; here an unknown value stops
                the transformation.
    edition-url (from common.xsl) the published URL of the HTML edition, used
                in the suggested citation; empty for the edition's URN.

  What the Typst document holds, in this order
    - `edition`, a dictionary of what the page design needs from the
      teiHeader: title, author, abstract, keywords, the edition's date (never
      the clock), the short title of the running heads, the paper;
    - xslt/print.typ, the page design (page, type, footnotes, tables) and the
      functions the article calls (numbered paragraphs, anchors, the pages of
      anchors), copied in so that the document needs no other file;
    - the TEI source attached as the PDF's Source (application/tei+xml): the
      pdf step puts the validated bytes of the source in a private folder,
      Typst's root, and passes the file's name as sys.inputs.source;
    - title page, abstract, keywords, edition statement, the four sections
      (paragraphs numbered in the margin with ed:unit-label, the same ¶
      numbers as html.xsl), both tables, editorial notes as footnotes, the
      original's page breaks, the printed reference list, the colophon;
    - the chronology and the index (print-index.xsl). Every mention of a
      register entry and every dated mention carries an anchor named by
      ed:mention-id / ed:date-id; Typst finds their pages (print.typ's
      pages-of and page-of), so no page number is computed here.

  Every string of the source reaches the output through pr:markup or
  pr:string (print-escape.xsl), never otherwise.
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
  <xsl:import href="print-escape.xsl"/>
  <xsl:import href="print-chronology.xsl"/>
  <xsl:import href="print-index.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="paper" as="xs:string" select="'a4'"/>

  <xsl:mode name="pr:text" use-accumulators="#all" on-no-match="shallow-skip"/>
  <xsl:mode name="pr:plain" use-accumulators="#all" on-no-match="text-only-copy"/>

  <!-- Typst's name of the paper. -->
  <xsl:variable name="pr:paper" as="xs:string">
    <xsl:choose>
      <xsl:when test="lower-case($paper) = ('a4', '')">a4</xsl:when>
      <xsl:when test="lower-case($paper) = ('letter', 'us-letter')">us-letter</xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="pr:paper">paper must be 'a4' or 'letter', not '<xsl:value-of select="$paper"/>'</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- The edition's date as a Typst datetime (a day; a year or month alone is
       completed with the first day). -->
  <xsl:variable name="pr:date" as="xs:string"
    select="let $d := tokenize(ed:pad-iso($ed:edition-date, '01'), '-') ! xs:integer(.)
            return 'datetime(year: ' || $d[1] || ', month: ' || $d[2] || ', day: ' || $d[3] || ')'"/>

  <!-- ===== The document ===== -->

  <xsl:template match="/">
    <xsl:text>// The print edition, written by xslt/print.xsl from the TEI source. Do not edit.&#10;</xsl:text>
    <xsl:text>#let edition = (&#10;</xsl:text>
    <xsl:value-of select="'  title: ' || pr:string($ed:full-title) || ',&#10;'"/>
    <xsl:value-of select="'  short-title: ' || pr:string($ed:short-title) || ',&#10;'"/>
    <xsl:value-of select="'  author: ' || pr:string($ed:author-name) || ',&#10;'"/>
    <xsl:value-of select="'  description: ' || pr:string($ed:abstract) || ',&#10;'"/>
    <xsl:value-of select="'  keywords: (' || string-join($ed:keywords ! (pr:string(.) || ','), ' ') || '),&#10;'"/>
    <xsl:value-of select="'  date: ' || $pr:date || ',&#10;'"/>
    <xsl:value-of select="'  paper: ' || pr:string($pr:paper) || ',&#10;'"/>
    <xsl:text>)&#10;&#10;</xsl:text>
    <xsl:value-of select="unparsed-text(resolve-uri('print.typ', static-base-uri()), 'UTF-8')"/>
    <xsl:text>&#10;#pdf.attach(sys.inputs.source, read("/" + sys.inputs.source, encoding: none),&#10;</xsl:text>
    <xsl:text>  relationship: "source", mime-type: "application/tei+xml",&#10;</xsl:text>
    <xsl:value-of select="'  description: ' || pr:string('The TEI P5 source of this edition (' || $ed:identifier || ')') || ')&#10;&#10;'"/>
    <xsl:apply-templates select="TEI/text/front" mode="pr:text"/>
    <xsl:apply-templates select="TEI/text/body" mode="pr:text"/>
    <xsl:apply-templates select="TEI/text/back" mode="pr:text"/>
    <xsl:call-template name="pr:colophon"/>
    <xsl:call-template name="pr:chronology"/>
    <xsl:call-template name="pr:index"/>
  </xsl:template>

  <!-- A block of the document: its markup on lines of its own. -->
  <xsl:template name="pr:block">
    <xsl:param name="markup" as="xs:string*"/>
    <xsl:value-of select="string-join($markup) || '&#10;&#10;'"/>
  </xsl:template>

  <!-- ===== Front matter ===== -->

  <xsl:template match="front" mode="pr:text">
    <xsl:apply-templates select="titlePage" mode="pr:text"/>
    <xsl:apply-templates select="* except titlePage" mode="pr:text"/>
    <xsl:call-template name="pr:edition-statement"/>
  </xsl:template>

  <xsl:template match="titlePage" mode="pr:text">
    <xsl:text>#block(below: 1.4em, text(size: 8.5pt, fill: luma(35%))[</xsl:text>
    <xsl:value-of select="pr:markup('The Anvar Posho Edition · print edition ' || $ed:edition-version)"/>
    <xsl:text>])&#10;&#10;</xsl:text>
    <!-- The published title, in capitals as printed. -->
    <xsl:text>#title[</xsl:text>
    <xsl:apply-templates select="docTitle/titlePart" mode="pr:text"/>
    <xsl:text>]&#10;&#10;</xsl:text>
    <xsl:text>#block(below: 1.2em, text(size: 9.5pt)[#emph[</xsl:text>
    <xsl:value-of select="pr:markup('Normalised title: ')"/>
    <xsl:text>]</xsl:text>
    <xsl:value-of select="pr:markup($ed:title || ': ' || $ed:subtitle)"/>
    <xsl:text>])&#10;&#10;</xsl:text>
    <xsl:text>#block(below: 1.6em, {&#10;set par(justify: false, first-line-indent: 0em, spacing: 0.35em)&#10;</xsl:text>
    <xsl:apply-templates select="byline | gap" mode="pr:text"/>
    <xsl:text>})&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="titlePart" mode="pr:text">
    <xsl:apply-templates mode="pr:text"/>
  </xsl:template>

  <xsl:template match="byline" mode="pr:text">
    <xsl:text>par[</xsl:text>
    <xsl:if test="docAuthor">#strong[</xsl:if>
    <xsl:apply-templates mode="pr:text"/>
    <xsl:if test="docAuthor">]</xsl:if>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="docAuthor | roleName | addName | forename | surname | term | num | biblScope | author | pubPlace | publisher | email" mode="pr:text">
    <xsl:apply-templates mode="pr:text"/>
  </xsl:template>

  <xsl:template match="gap" mode="pr:text">
    <xsl:text>par(text(size: 9pt)[</xsl:text>
    <xsl:value-of select="pr:markup('[' || (if (@reason = 'personal-data') then 'telephone number omitted by the editors as personal data'
                                            else 'omitted: ' || normalize-space(desc)) || ']')"/>
    <xsl:text>])&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="pr:edition-statement">
    <xsl:text>#block(above: 1.4em, below: 1.4em, {&#10;set text(size: 9pt)&#10;set par(first-line-indent: 0em, spacing: 0.5em)&#10;par[</xsl:text>
    <xsl:value-of select="pr:markup('Digital edition ' || $ed:edition-version || ', ' || ed:format-iso($ed:edition-date) || '. '
                                    || $ed:identifier || '. Encoding, registers and notes: ')"/>
    <xsl:value-of select="'#link(' || pr:string(ed:safe-url($ed:licence-url)) || ')[CC BY 4.0]'"/>
    <xsl:value-of select="pr:markup('. Paragraph numbers (¶) are the edition''s citable units; page breaks of the original are marked | in the text and “orig. p.” in the margin; lettered footnotes are the editors'' notes.')"/>
    <xsl:text>]&#10;par[#emph[Cite as:] </xsl:text>
    <xsl:value-of select="pr:markup(ed:cite-text('chicago', ()))"/>
    <xsl:text>]&#10;})&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="div[@type = 'abstract']" mode="pr:text">
    <xsl:text>#block(inset: (x: 6mm), {&#10;set text(size: 10pt)&#10;</xsl:text>
    <xsl:apply-templates select="head" mode="pr:text"/>
    <xsl:for-each select="p">
      <xsl:text>par(first-line-indent: 0em)[</xsl:text>
      <xsl:apply-templates mode="pr:text"/>
      <xsl:text>]&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>})&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="div[@type = 'abstract']/head" mode="pr:text" priority="2">
    <xsl:text>heading(level: 1)[</xsl:text>
    <xsl:apply-templates mode="pr:text"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- Keywords: a paragraph with a run-in head. -->
  <xsl:template match="div[@type = 'keywords']" mode="pr:text">
    <xsl:text>#block(inset: (x: 6mm), above: 1em, text(size: 10pt, par(first-line-indent: 0em)[#strong[</xsl:text>
    <xsl:apply-templates select="head/node()" mode="pr:text"/>
    <xsl:text>] </xsl:text>
    <xsl:apply-templates select="p/node()" mode="pr:text"/>
    <xsl:text>]))&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- ===== Body ===== -->

  <xsl:template match="body | back" mode="pr:text">
    <xsl:apply-templates select="*" mode="pr:text"/>
  </xsl:template>

  <xsl:template match="div" mode="pr:text">
    <xsl:apply-templates select="*" mode="pr:text"/>
  </xsl:template>

  <xsl:template match="div/head" mode="pr:text">
    <xsl:text>#heading(level: 1)[</xsl:text>
    <xsl:apply-templates mode="pr:text"/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="p" mode="pr:text">
    <xsl:text>#par[</xsl:text>
    <xsl:apply-templates mode="pr:text"/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- A numbered paragraph, the citable unit: indented when it follows
       another paragraph, its number in the margin. -->
  <xsl:template match="p[@n]" mode="pr:text">
    <xsl:value-of select="'#numbered(' || pr:string(@n) || ', '
                          || (if (preceding-sibling::*[1][self::p]) then 'true' else 'false') || ')['"/>
    <xsl:value-of select="'#anchor(' || pr:string(ed:unit-id(.)) || ')'"/>
    <xsl:apply-templates mode="pr:text"/>
    <xsl:text>]&#10;&#10;</xsl:text>
  </xsl:template>

  <!-- A page break of the original (their page numbers are not known). -->
  <xsl:template match="pb" mode="pr:text">
    <xsl:text>#orig-page-break()</xsl:text>
  </xsl:template>

  <xsl:template match="lb" mode="pr:text">
    <xsl:text>#linebreak()</xsl:text>
  </xsl:template>

  <!-- Mentions of register entries: anchored for the index. -->
  <xsl:template match="persName[@ref] | placeName[@ref] | orgName[@ref] | name[@ref]" mode="pr:text">
    <xsl:call-template name="pr:at">
      <xsl:with-param name="name" select="if (ancestor::text) then ed:anchor(.) else ()"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="date" mode="pr:text">
    <xsl:call-template name="pr:at">
      <xsl:with-param name="name" select="if (ancestor::text and not(ancestor::note)) then ed:anchor(.) else ()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The content of an element, then its anchor if it has one (print.typ's
       anchor says why after). -->
  <xsl:template name="pr:at">
    <xsl:param name="name" as="xs:string?"/>
    <xsl:call-template name="pr:in-lang"/>
    <xsl:for-each select="$name">
      <xsl:value-of select="'#anchor(' || pr:string(.) || ')'"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The content of an element, in its own language if it has one. -->
  <xsl:template name="pr:in-lang">
    <xsl:choose>
      <xsl:when test="@xml:lang and @xml:lang ne $ed:language">
        <xsl:value-of select="'#in-lang(' || pr:string(@xml:lang) || ')['"/>
        <xsl:apply-templates mode="pr:text"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates mode="pr:text"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A citation links to its entry in the printed reference list. -->
  <xsl:template match="ref[@type = 'citation']" mode="pr:text">
    <xsl:variable name="record" select="ed:target(@target)"/>
    <xsl:variable name="printed" select="$record/self::biblStruct ! ed:printed-reference(.)"/>
    <xsl:choose>
      <xsl:when test="$printed/@xml:id">
        <xsl:value-of select="'#link(label(' || pr:string($printed/@xml:id) || '))['"/>
        <xsl:apply-templates mode="pr:text"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="pr:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="ref" mode="pr:text">
    <xsl:variable name="url" select="ed:safe-url(@target)"/>
    <xsl:choose>
      <xsl:when test="exists($url)">
        <xsl:value-of select="'#link(' || pr:string($url) || ')['"/>
        <xsl:apply-templates mode="pr:text"/>
        <xsl:text>]</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates mode="pr:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Quotation marks of <quote> are in the text as printed. -->
  <xsl:template match="quote" mode="pr:text">
    <xsl:call-template name="pr:in-lang"/>
  </xsl:template>

  <!-- TEI q carries no marks in the source: print them. -->
  <xsl:template match="q" mode="pr:text">
    <xsl:text>#quote[</xsl:text>
    <xsl:call-template name="pr:in-lang"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="mentioned | title[@level = ('j', 'm')] | *[@rend = 'italic']" mode="pr:text" priority="2">
    <xsl:text>#emph[</xsl:text>
    <xsl:call-template name="pr:in-lang"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="title | bibl | hi" mode="pr:text">
    <xsl:call-template name="pr:in-lang"/>
  </xsl:template>

  <!-- Editorial notes as footnotes, lettered (citations are numbered). -->
  <xsl:template match="note[@type = 'editorial']" mode="pr:text">
    <xsl:text>#footnote[#emph[Editorial note.] </xsl:text>
    <xsl:apply-templates mode="pr:text"/>
    <xsl:text>]</xsl:text>
    <xsl:for-each select="@xml:id">
      <xsl:value-of select="'#label(' || pr:string(.) || ')'"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="note" mode="pr:text"/>

  <xsl:template match="text()" mode="pr:text">
    <xsl:value-of select="pr:markup(.)"/>
  </xsl:template>

  <!-- ===== Tables ===== -->

  <!-- Booktabs: rules above and below the table and under its header row;
       the first column of a table whose rows have labels sets them in
       italics. -->
  <xsl:template match="table" mode="pr:text">
    <xsl:variable name="cols" select="xs:integer((@cols, max(row/count(cell)))[1])"/>
    <xsl:text>#figure(kind: table, supplement: none, numbering: none, placement: none,&#10;</xsl:text>
    <xsl:text>  caption: figure.caption[</xsl:text>
    <xsl:apply-templates select="head/node()" mode="pr:text"/>
    <xsl:text>],&#10;</xsl:text>
    <xsl:value-of select="'  table(columns: (auto, ' || string-join((2 to $cols) ! '1fr', ', ') || '), align: left,&#10;'"/>
    <xsl:text>    table.hline(stroke: 0.8pt),&#10;</xsl:text>
    <!-- Header rows and header cells by the model's one rule (ed:table-head, ed:cell-scope). -->
    <xsl:variable name="head" select="ed:table-head(.)"/>
    <xsl:if test="exists($head)">
      <xsl:text>    table.header(</xsl:text>
      <xsl:for-each select="$head/cell">
        <xsl:text>[#strong[</xsl:text>
        <xsl:apply-templates mode="pr:text"/>
        <xsl:text>]], </xsl:text>
      </xsl:for-each>
      <xsl:text>),&#10;    table.hline(stroke: 0.5pt),&#10;</xsl:text>
    </xsl:if>
    <xsl:for-each select="row except $head">
      <xsl:text>    </xsl:text>
      <xsl:for-each select="cell">
        <xsl:variable name="row-header" select="ed:cell-scope(.) = 'row'"/>
        <xsl:text>[</xsl:text>
        <xsl:if test="$row-header">#emph[</xsl:if>
        <xsl:apply-templates mode="pr:text"/>
        <xsl:if test="$row-header">]</xsl:if>
        <xsl:text>], </xsl:text>
      </xsl:for-each>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
    <xsl:text>    table.hline(stroke: 0.8pt),&#10;  ))</xsl:text>
    <xsl:value-of select="'#label(' || pr:string(ed:unit-id(.)) || ')&#10;&#10;'"/>
  </xsl:template>

  <!-- ===== Back: the reference list as printed ===== -->

  <xsl:template match="listBibl" mode="pr:text">
    <xsl:text>#block({&#10;set text(size: 9.5pt)&#10;set par(spacing: 0.55em)&#10;</xsl:text>
    <xsl:apply-templates select="bibl" mode="pr:text"/>
    <xsl:text>})&#10;&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="listBibl/bibl" mode="pr:text" priority="3">
    <xsl:value-of select="'reference(' || pr:string(@n) || ')[#anchor(' || pr:string(@xml:id) || ')'"/>
    <xsl:apply-templates mode="pr:text"/>
    <xsl:text>]&#10;</xsl:text>
  </xsl:template>

  <!-- ===== Colophon ===== -->

  <xsl:template name="pr:colophon">
    <xsl:text>#block(above: 2em, text(size: 8.5pt, par(first-line-indent: 0em)[</xsl:text>
    <xsl:value-of select="pr:markup($ed:publisher || ', digital edition ' || $ed:edition-version || ' of '
                                    || ed:format-iso($ed:edition-date)
                                    || '. This PDF (PDF/A-3b, PDF/UA-1) contains its TEI source as an attached file. '
                                    || 'The text of the article is reproduced as published, without silent correction. '
                                    || normalize-space($ed:licence))"/>
    <xsl:text>]))&#10;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
