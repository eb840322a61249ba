<?xml version="1.0" encoding="UTF-8"?>
<!--
  print-index.xsl: the back-of-book index of the print edition (imported by
  print.xsl, which imports common.xsl before it).

  One part per kind (persons, places, organisations). Each part lists its
  register entries that are mentioned in the text, and "see" references from
  the other names of an entry, all sorted together by ed:sort-key (diacritics
  and an initial article ignored). An entry line gives the name as indexed,
  the other names of the register in parentheses, for persons the life
  dates, and the pages; where the text uses more than one form of the name,
  a sub-entry per form ("as ‘Anvar Posho’") gives that form's pages.

  Pages: one empty link per mention (a.pg, href = #ed:mention-id) inside
  span.locators. pdf.py lays out the article first, then keeps in each
  span.locators the first link to each page and writes the page number in
  it, so no page is listed twice.
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

  <!-- A sort key without case, diacritics or an initial article. -->
  <xsl:function name="pr:sort-norm" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="replace(normalize-unicode(lower-case(replace(normalize-space($text), '^(the|a|an)\s+', '', 'i')), 'NFD'), '\p{M}', '')"/>
  </xsl:function>

  <!-- The name as an index heading: "Surname, Forenames"; "Caliph, the". -->
  <xsl:function name="pr:index-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="main" select="($entry/(persName | placeName | orgName)[@type = 'main'])[1]"/>
    <xsl:variable name="label" select="ed:label($entry)"/>
    <xsl:sequence select="
      if ($main/surname and $main/(forename | addName)) then
        normalize-space($main/surname) || ', ' || normalize-space(string-join($main/(forename | addName), ' '))
      else if (matches($label, '^the\s', 'i')) then replace($label, '^(the)\s+(.*)$', '$2, $1', 'i')
      else $label"/>
  </xsl:function>

  <!-- Life dates of a person: (1881–1922), (1889–1931/1932). -->
  <xsl:function name="pr:life-dates" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="born" select="distinct-values($entry/birth/@when ! substring(., 1, 4))"/>
    <xsl:variable name="died" select="distinct-values($entry/death/@when ! substring(., 1, 4))"/>
    <xsl:sequence select="if (empty($born) and empty($died)) then ()
      else '(' || (if (exists($born)) then string-join($born, '/') else '?') || '–'
               || string-join($died, '/') || ')'"/>
  </xsl:function>

  <!-- The language of a name of an entry, if it has one. -->
  <xsl:function name="pr:name-lang" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="($entry/(persName | placeName | orgName)[normalize-space(.) eq $name]/@xml:lang)[1] ! string(.)"/>
  </xsl:function>

  <xsl:template name="pr:index">
    <!-- data-part="back": pdf.py renders it after the article, with the
         pages of the mentions written in. -->
    <section class="appendix index" id="index" data-part="back">
      <h2>Index</h2>
      <p class="intro">Persons, places and organisations named in the article, with the pages of this print on
        which they are named (the title page, abstract, keywords, text, tables and reference list).
        Other names of an entry follow it in parentheses; the forms the text uses are listed under it.</p>
      <xsl:for-each select="('person', 'place', 'org')">
        <xsl:variable name="kind" select="."/>
        <xsl:variable name="entries" select="($ed:persons, $ed:places, $ed:orgs)[ed:kind(.) eq $kind][exists(ed:mentions(.))]"/>
        <section class="index-part" id="index-{$kind}">
          <h3><xsl:value-of select="ed:kind-label($kind, true())"/></h3>
          <xsl:variable name="items" as="element()*">
            <xsl:call-template name="pr:index-items">
              <xsl:with-param name="entries" select="$entries"/>
            </xsl:call-template>
          </xsl:variable>
          <!-- Two columns, split here at the half of the estimated lines: the
               renderer's own column balancing (CSS columns) lays the index out
               again and again and costs more than the rest of the PDF. -->
          <xsl:variable name="weights" select="$items ! pr:index-lines(.)"/>
          <xsl:variable name="half" select="sum($weights) div 2"/>
          <xsl:variable name="split" select="(for $i in 1 to count($items)
                                              return $i[sum(subsequence($weights, 1, $i)) ge $half])[1]"/>
          <div class="index-list">
            <div class="index-col"><xsl:sequence select="subsequence($items, 1, $split)"/></div>
            <div class="index-col"><xsl:sequence select="subsequence($items, $split + 1)"/></div>
          </div>
        </section>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- Estimated printed lines of an index item: its paragraphs, and one more
       for every ~48 characters of a long one (8pt in half a text column). -->
  <xsl:function name="pr:index-lines" as="xs:double">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="sum($item/descendant-or-self::*:p ! ceiling(string-length(normalize-space(.)) div 48)) + 0.35"/>
  </xsl:function>

  <xsl:template name="pr:index-items">
    <xsl:param name="entries" as="element()*"/>
    <xsl:variable name="labels" select="$entries ! ed:label(.)"/>
    <xsl:variable name="items" as="map(*)*">
      <xsl:for-each select="$entries">
        <xsl:variable name="entry" select="."/>
        <xsl:sequence select="map{'kind': 'entry', 'key': pr:sort-norm(ed:sort-key(.)) || ' ' || pr:sort-norm(ed:label(.)),
                                  'id': string(@xml:id), 'entry': .}"/>
        <xsl:for-each select="ed:variants(.)[not(. = $labels)]">
          <xsl:sequence select="map{'kind': 'see', 'key': pr:sort-norm(.), 'name': ., 'id': string($entry/@xml:id),
                                    'entry': $entry}"/>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="sorted" select="sort($items, (), function($i) { $i?key })"/>
    <xsl:for-each select="$sorted">
      <xsl:variable name="i" select="position()"/>
      <xsl:choose>
        <xsl:when test="?kind eq 'entry'">
          <xsl:call-template name="pr:index-entry">
            <xsl:with-param name="entry" select="?entry"/>
            <xsl:with-param name="entries" select="$entries"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <!-- A "see" reference that would stand next to its entry is left out. -->
          <xsl:variable name="before" select="($sorted[position() lt $i][?kind eq 'entry'])[last()]"/>
          <xsl:variable name="after" select="($sorted[position() gt $i][?kind eq 'entry'])[1]"/>
          <xsl:if test="empty(($before, $after)[?id eq current()?id])">
            <p class="ix-see">
              <span class="ix-name">
                <xsl:for-each select="pr:name-lang(?entry, ?name)"><xsl:attribute name="lang" select="."/></xsl:for-each>
                <xsl:value-of select="?name"/>
              </span>
              <xsl:text> </xsl:text><i>see</i><xsl:text> </xsl:text>
              <a class="ix-xref" href="#ix-{?id}"><xsl:value-of select="pr:index-name(?entry)"/></a>
            </p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="pr:index-entry">
    <xsl:param name="entry" as="element()"/>
    <xsl:param name="entries" as="element()*"/>
    <xsl:variable name="mentions" select="ed:mentions($entry)"/>
    <xsl:variable name="variants" select="ed:variants($entry)"/>
    <!-- Other entries whose name is one of this entry's other names. -->
    <xsl:variable name="see-also" select="$entries[ed:label(.) = ed:variants($entry) or ed:label($entry) = ed:variants(.)] except $entry"/>
    <div class="ix-entry" id="ix-{$entry/@xml:id}">
      <p class="ix-main">
        <span class="ix-name"><xsl:value-of select="pr:index-name($entry)"/></span>
        <xsl:for-each select="pr:life-dates($entry)">
          <xsl:text> </xsl:text><span class="ix-dates"><xsl:value-of select="."/></span>
        </xsl:for-each>
        <xsl:if test="exists($variants)">
          <xsl:text> </xsl:text>
          <span class="ix-variants">
            <xsl:text>(</xsl:text>
            <xsl:for-each select="$variants">
              <xsl:if test="position() gt 1">; </xsl:if>
              <span>
                <xsl:for-each select="pr:name-lang($entry, .)"><xsl:attribute name="lang" select="."/></xsl:for-each>
                <xsl:value-of select="."/>
              </span>
            </xsl:for-each>
            <xsl:text>)</xsl:text>
          </span>
        </xsl:if>
        <xsl:text> </xsl:text>
        <xsl:call-template name="pr:locators">
          <xsl:with-param name="mentions" select="$mentions"/>
        </xsl:call-template>
        <xsl:if test="exists($see-also)">
          <span class="ix-see-also">
            <xsl:text>; </xsl:text><i>see also</i><xsl:text> </xsl:text>
            <xsl:for-each select="$see-also">
              <xsl:if test="position() gt 1">, </xsl:if>
              <a class="ix-xref" href="#ix-{@xml:id}"><xsl:value-of select="pr:index-name(.)"/></a>
            </xsl:for-each>
          </span>
        </xsl:if>
      </p>
      <!-- The forms of the name the text uses, when there is more than one. -->
      <xsl:variable name="forms" as="array(element())*">
        <xsl:for-each-group select="$mentions" group-by="lower-case(normalize-space(.))">
          <xsl:sort select="pr:sort-norm(current-grouping-key())"/>
          <xsl:sequence select="array{current-group()}"/>
        </xsl:for-each-group>
      </xsl:variable>
      <xsl:if test="count($forms) gt 1">
        <xsl:for-each select="$forms">
          <xsl:variable name="group" select="?*"/>
          <!-- Show the form as the text prints it outside capitals when it can. -->
          <xsl:variable name="shown" select="($group[normalize-space(.) ne upper-case(normalize-space(.))], $group)[1]"/>
          <p class="ix-sub">
            <xsl:text>as </xsl:text>
            <q>
              <xsl:for-each select="$shown/@xml:lang"><xsl:attribute name="lang" select="."/></xsl:for-each>
              <xsl:value-of select="normalize-space($shown)"/>
            </q>
            <xsl:text> </xsl:text>
            <xsl:call-template name="pr:locators">
              <xsl:with-param name="mentions" select="$group"/>
            </xsl:call-template>
          </p>
        </xsl:for-each>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- One link per mention; pdf.py writes its page, and keeps one link per page. -->
  <xsl:template name="pr:locators">
    <xsl:param name="mentions" as="element()*"/>
    <span class="locators">
      <xsl:for-each select="$mentions">
        <a class="pg" href="#{ed:mention-id(.)}"></a>
      </xsl:for-each>
    </span>
  </xsl:template>

</xsl:stylesheet>
